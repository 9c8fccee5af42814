"""The library's schema, built and upgraded by sqlite-utils ``Migrations``.

Each migration runs in a transaction with the record that it ran. A library that has applied
a migration this version does not know was written by a newer Verbatim and is refused (see
:func:`qtapp.core.db.open_database`). The schema is documented table by table in
``docs/schema.md``; a test keeps the two in step.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from .cite.variables import NAME as CSL_NAMES
from .fts import QUOTE_TOKENIZER
from .query import sort_keys_sql, title_sql

migrations = Migrations("verbatim")

SOURCE_KINDS = ("article", "interview", "press_conference", "speech", "broadcast", "social_post",
                "document", "email", "podcast", "other")
MEDIA = ("in_person", "phone", "video", "email")
RULES = ("on_record", "background", "deep_background", "off_record", "embargoed")
# m001's single choice of provenance; m008 replaced it with two independent flags.
PROVENANCES = ("first_hand", "second_hand", "translated")
_FIRST_NAME_ROLES = ("author", "host", "interviewer", "editor")
# Every CSL 1.0.2 name variable is a role a person can have in a source (m005).
NAME_ROLES = CSL_NAMES


def _check(column: str, values: tuple[str, ...], nullable: bool = False) -> str:
    allowed = ", ".join(f"'{v}'" for v in values)
    null = f"{column} IS NULL OR " if nullable else ""
    return f"CHECK ({null}{column} IN ({allowed}))"


@migrations()
def m001_core_tables(db: Database) -> None:
    """Sources, speakers, quotes, tags, history and settings."""
    db.executescript(f"""
    CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL DEFAULT 'article' {_check('kind', SOURCE_KINDS)},
        title TEXT NOT NULL DEFAULT '',
        outlet TEXT NOT NULL DEFAULT '',
        date TEXT,
        date_end TEXT,
        place TEXT NOT NULL DEFAULT '',
        url TEXT NOT NULL DEFAULT '',
        accessed TEXT,
        language TEXT NOT NULL DEFAULT '',
        medium TEXT {_check('medium', MEDIA, nullable=True)},
        text TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    );
    CREATE TABLE source_names (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        role TEXT NOT NULL DEFAULT 'author' {_check('role', _FIRST_NAME_ROLES)},
        position INTEGER NOT NULL DEFAULT 0,
        family TEXT NOT NULL DEFAULT '',
        given TEXT NOT NULL DEFAULT '',
        particle TEXT NOT NULL DEFAULT '',
        suffix TEXT NOT NULL DEFAULT '',
        literal TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX source_names_by_source ON source_names(source_id, role, position);
    CREATE TABLE speakers (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        sort_name TEXT NOT NULL DEFAULT '',
        description TEXT NOT NULL DEFAULT '',
        wikidata TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        confidential INTEGER NOT NULL DEFAULT 0,
        merged_into INTEGER REFERENCES speakers(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    );
    CREATE INDEX speakers_by_sort_name ON speakers(sort_name);
    CREATE TABLE speaker_aliases (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
        alias TEXT NOT NULL
    );
    CREATE INDEX speaker_aliases_by_speaker ON speaker_aliases(speaker_id);
    CREATE INDEX speaker_aliases_by_alias ON speaker_aliases(alias COLLATE NOCASE);
    CREATE TABLE speaker_roles (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
        title TEXT NOT NULL DEFAULT '',
        organization TEXT NOT NULL DEFAULT '',
        start TEXT,
        end TEXT
    );
    CREATE INDEX speaker_roles_by_speaker ON speaker_roles(speaker_id);
    CREATE TABLE quotes (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        words TEXT NOT NULL CHECK (length(trim(words)) > 0),
        speaker_id INTEGER NOT NULL REFERENCES speakers(id),
        source_id INTEGER REFERENCES sources(id),
        said TEXT NOT NULL DEFAULT '',
        span_start INTEGER,
        span_end INTEGER,
        time_start REAL,
        time_end REAL,
        rule TEXT NOT NULL DEFAULT 'on_record' {_check('rule', RULES)},
        rule_description TEXT NOT NULL DEFAULT '',
        embargo_until TEXT,
        provenance TEXT NOT NULL DEFAULT 'first_hand' {_check('provenance', PROVENANCES)},
        via_outlet TEXT NOT NULL DEFAULT '',
        language TEXT NOT NULL DEFAULT '',
        original_words TEXT NOT NULL DEFAULT '',
        translator TEXT NOT NULL DEFAULT '',
        context TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    );
    CREATE INDEX quotes_by_said ON quotes(said, id) WHERE deleted_at IS NULL;
    CREATE INDEX quotes_by_speaker ON quotes(speaker_id, said, id) WHERE deleted_at IS NULL;
    CREATE INDEX quotes_by_speaker_logged ON quotes(speaker_id, id) WHERE deleted_at IS NULL;
    CREATE INDEX quotes_by_source ON quotes(source_id, said, id) WHERE deleted_at IS NULL;
    CREATE INDEX quotes_deleted ON quotes(deleted_at) WHERE deleted_at IS NOT NULL;
    CREATE TABLE tags (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE
    );
    CREATE TABLE quote_tags (
        id INTEGER PRIMARY KEY,
        quote_id INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
        tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
        UNIQUE (quote_id, tag_id)
    );
    CREATE INDEX quote_tags_by_tag ON quote_tags(tag_id, quote_id);
    CREATE TABLE history (
        id INTEGER PRIMARY KEY,
        entity TEXT NOT NULL,
        entity_id INTEGER NOT NULL,
        field TEXT NOT NULL,
        old TEXT,
        new TEXT,
        at TEXT NOT NULL,
        step TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX history_by_entity ON history(entity, entity_id, id);
    CREATE TRIGGER history_is_append_only_update BEFORE UPDATE ON history
        BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
    CREATE TRIGGER history_is_append_only_delete BEFORE DELETE ON history
        BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """)


@migrations()
def m002_full_text_search(db: Database) -> None:
    """FTS5 over quote words and context, and over speaker names with their aliases.

    Triggers keep both indexes in step with every write, inside the writer's transaction.
    ``speakers.all_names`` gathers the name and aliases so one FTS row finds a speaker.
    """
    db.execute("ALTER TABLE speakers ADD COLUMN all_names TEXT NOT NULL DEFAULT ''")
    db.executescript("""
    UPDATE speakers SET all_names = name || ' ' || coalesce(
        (SELECT group_concat(alias, ' ') FROM speaker_aliases a WHERE a.speaker_id = speakers.id), '');
    CREATE TRIGGER speaker_names_on_alias_insert AFTER INSERT ON speaker_aliases BEGIN
        UPDATE speakers SET all_names = name || ' ' || coalesce(
            (SELECT group_concat(alias, ' ') FROM speaker_aliases a WHERE a.speaker_id = NEW.speaker_id), '')
        WHERE id = NEW.speaker_id;
    END;
    CREATE TRIGGER speaker_names_on_alias_delete AFTER DELETE ON speaker_aliases BEGIN
        UPDATE speakers SET all_names = name || ' ' || coalesce(
            (SELECT group_concat(alias, ' ') FROM speaker_aliases a WHERE a.speaker_id = OLD.speaker_id), '')
        WHERE id = OLD.speaker_id;
    END;
    CREATE TRIGGER speaker_names_on_alias_update AFTER UPDATE ON speaker_aliases BEGIN
        UPDATE speakers SET all_names = name || ' ' || coalesce(
            (SELECT group_concat(alias, ' ') FROM speaker_aliases a WHERE a.speaker_id = speakers.id), '')
        WHERE id IN (OLD.speaker_id, NEW.speaker_id);
    END;
    CREATE TRIGGER speaker_names_on_rename AFTER UPDATE OF name ON speakers BEGIN
        UPDATE speakers SET all_names = NEW.name || ' ' || coalesce(
            (SELECT group_concat(alias, ' ') FROM speaker_aliases a WHERE a.speaker_id = NEW.id), '')
        WHERE id = NEW.id;
    END;
    """)
    db["quotes"].enable_fts(["words", "context"], tokenize="unicode61 remove_diacritics 2",
                            create_triggers=True)
    db["speakers"].enable_fts(["all_names"], tokenize="unicode61 remove_diacritics 2",
                              create_triggers=True)


@migrations()
def m003_check_results(db: Database) -> None:
    """Stored results of the attribution checks, and acknowledgements of findings."""
    db.executescript("""
    ALTER TABLE quotes ADD COLUMN check_status TEXT;
    ALTER TABLE quotes ADD COLUMN checked_at TEXT;
    CREATE INDEX quotes_needing_attention ON quotes(check_status, said, id)
        WHERE deleted_at IS NULL AND check_status IN ('warning', 'blocking');
    CREATE TABLE findings (
        id INTEGER PRIMARY KEY,
        quote_id INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
        check_name TEXT NOT NULL,
        severity TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'blocking')),
        code TEXT NOT NULL DEFAULT '',
        message TEXT NOT NULL,
        span_start INTEGER,
        span_end INTEGER,
        detail TEXT NOT NULL DEFAULT '{}',
        acknowledged_at TEXT,
        acknowledged_reason TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX findings_by_quote ON findings(quote_id);
    """)


@migrations()
def m004_transcript_cues(db: Database) -> None:
    """Timed cues of transcripts: which characters of a source's text were said when, in seconds."""
    db.executescript("""
    CREATE TABLE transcript_cues (
        id INTEGER PRIMARY KEY,
        source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        char_start INTEGER NOT NULL,
        char_end INTEGER NOT NULL CHECK (char_end >= char_start),
        time_start REAL NOT NULL,
        time_end REAL NOT NULL CHECK (time_end >= time_start)
    );
    CREATE INDEX transcript_cues_by_source ON transcript_cues(source_id, char_start);
    """)


@migrations()
def m005_stale_checks(db: Database) -> None:
    """Quotes whose stored check results are out of date, marked in the same transaction as the change."""
    db.executescript("""
    CREATE TABLE stale_checks (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        quote_id INTEGER NOT NULL UNIQUE REFERENCES quotes(id) ON DELETE CASCADE
    );
    """)


@migrations()
def m006_csl_variables(db: Database) -> None:
    """Every CSL variable of a source (its own CSL type, the variables beyond the columns, every name
    role), and tags on sources (a Zotero library's collections and tags).

    ``source_names`` is rebuilt because SQLite cannot widen a CHECK constraint in place; its
    rows keep their ids, so history and undo records still point at them.
    """
    db.executescript(f"""
    ALTER TABLE sources ADD COLUMN csl_type TEXT;
    ALTER TABLE sources ADD COLUMN csl_variables TEXT NOT NULL DEFAULT '{{}}' CHECK (json_valid(csl_variables));
    CREATE TABLE source_names_new (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        role TEXT NOT NULL DEFAULT 'author' {_check('role', NAME_ROLES)},
        position INTEGER NOT NULL DEFAULT 0,
        family TEXT NOT NULL DEFAULT '',
        given TEXT NOT NULL DEFAULT '',
        particle TEXT NOT NULL DEFAULT '',
        dropping_particle TEXT NOT NULL DEFAULT '',
        suffix TEXT NOT NULL DEFAULT '',
        literal TEXT NOT NULL DEFAULT '',
        comma_suffix INTEGER NOT NULL DEFAULT 0,
        static_ordering INTEGER NOT NULL DEFAULT 0,
        parse_names INTEGER
    );
    INSERT INTO source_names_new (id, uuid, source_id, role, position, family, given, particle, suffix, literal)
        SELECT id, uuid, source_id, role, position, family, given, particle, suffix, literal FROM source_names;
    DROP TABLE source_names;
    ALTER TABLE source_names_new RENAME TO source_names;
    CREATE INDEX source_names_by_source ON source_names(source_id, role, position);
    CREATE TABLE source_tags (
        id INTEGER PRIMARY KEY,
        source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
        UNIQUE (source_id, tag_id)
    );
    CREATE INDEX source_tags_by_tag ON source_tags(tag_id, source_id);
    """)


@migrations()
def m007_stemmed_search(db: Database) -> None:
    """The quotes index rebuilt to stem its words (Porter): "sanction" then finds "sanctions".

    The index is filled again from the quotes. (A prefix index would make three typed letters
    cheaper still, but costs more than a tenth of the speed of adding quotes.) Its update trigger now fires only
    when the words or the context change: a check storing its result no longer rewrites the
    quote's entry in the index.

    A speaker added without aliases had empty ``all_names`` (the m002 triggers fire only on
    aliases and renames), so no search by a word of the name found him. The insert trigger
    of ``speakers_fts`` now fills it, right after indexing the new row (one trigger, so no
    order between triggers matters: the update's own trigger then finds the row it replaces);
    the speakers left empty are filled now.
    """
    db["quotes"].disable_fts()
    # Quoted as sqlite-utils quotes them, so that its detect_fts() and disable_fts() find both.
    db.executescript(f"""
    CREATE VIRTUAL TABLE "quotes_fts" USING FTS5 (words, context, content="quotes", tokenize='{QUOTE_TOKENIZER}');
    INSERT INTO "quotes_fts" ("quotes_fts") VALUES ('rebuild');
    CREATE TRIGGER "quotes_ai" AFTER INSERT ON "quotes" BEGIN
        INSERT INTO "quotes_fts" (rowid, words, context) VALUES (new.rowid, new.words, new.context);
    END;
    CREATE TRIGGER "quotes_ad" AFTER DELETE ON "quotes" BEGIN
        INSERT INTO "quotes_fts" ("quotes_fts", rowid, words, context)
            VALUES ('delete', old.rowid, old.words, old.context);
    END;
    CREATE TRIGGER "quotes_au" AFTER UPDATE OF words, context ON "quotes" BEGIN
        INSERT INTO "quotes_fts" ("quotes_fts", rowid, words, context)
            VALUES ('delete', old.rowid, old.words, old.context);
        INSERT INTO "quotes_fts" (rowid, words, context) VALUES (new.rowid, new.words, new.context);
    END;
    DROP TRIGGER "speakers_ai";
    CREATE TRIGGER "speakers_ai" AFTER INSERT ON "speakers" BEGIN
        INSERT INTO "speakers_fts" (rowid, all_names) VALUES (new.rowid, new.all_names);
        UPDATE speakers SET all_names = NEW.name || ' ' || coalesce(
            (SELECT group_concat(alias, ' ') FROM speaker_aliases a WHERE a.speaker_id = NEW.id), '')
        WHERE id = NEW.id;
    END;
    UPDATE speakers SET all_names = name || ' ' || coalesce(
        (SELECT group_concat(alias, ' ') FROM speaker_aliases a WHERE a.speaker_id = speakers.id), '')
        WHERE all_names = '';
    """)


@migrations()
def m008_provenance_both(db: Database) -> None:
    """Provenance as two independent facts, and the attribution evidence of a quote.

    A quote may be second-hand (``second_hand``, via ``via_outlet``) and translated
    (``translated``, from ``language``) at once; m001's single ``provenance`` choice could not
    say both. Every row keeps what it said: 'second_hand' and 'translated' set their flag, and
    the outlet, language, original words and translator stay as they were. The old column is
    dropped so that no reader finds two answers. ``attribution_evidence`` holds, as JSON, how
    the source gave the words to the speaker when the quote was accepted from it ('{}': none).
    Quotes with a language are marked stale: their checks gain the translation check's findings.
    """
    db.executescript("""
    ALTER TABLE quotes ADD COLUMN second_hand INTEGER NOT NULL DEFAULT 0 CHECK (second_hand IN (0, 1));
    ALTER TABLE quotes ADD COLUMN translated INTEGER NOT NULL DEFAULT 0 CHECK (translated IN (0, 1));
    ALTER TABLE quotes ADD COLUMN attribution_evidence TEXT NOT NULL DEFAULT '{}'
        CHECK (json_valid(attribution_evidence));
    UPDATE quotes SET second_hand = 1 WHERE provenance = 'second_hand';
    UPDATE quotes SET translated = 1 WHERE provenance = 'translated';
    INSERT OR IGNORE INTO stale_checks (quote_id) SELECT id FROM quotes WHERE language != '';
    ALTER TABLE quotes DROP COLUMN provenance;
    """)



def _sort_keys(row: str) -> str:
    """SET clause that copies the joined sort keys onto the quote ``row`` (NEW or quotes)."""
    keys = sort_keys_sql(f"{row}.speaker_id", f"{row}.source_id", f"{row}.said")
    return ", ".join(f"{column} = {value}" for column, value in keys.items())


def _on_quotes_of(speaker_or_source: str, value: str, assignment: str) -> str:
    """Two UPDATEs setting ``assignment`` on the quotes whose ``speaker_or_source`` column is
    ``value``: one per partial index (live quotes, trash), so neither scans the table."""
    return "".join(f"UPDATE quotes SET {assignment} WHERE {speaker_or_source} = {value} AND deleted_at {state};\n"
                   for state in ("IS NULL", "IS NOT NULL"))


@migrations()
def m009_sort_indexes(db: Database) -> None:
    """An index for every order of the quotes list, so that each first page and far jump reads
    a few index pages instead of sorting the library.

    The keys that live in other tables are copied onto the quote: ``speaker_sort`` (the
    speaker's sort name), ``source_sort`` (the source's title) and ``title_sort`` (the title the
    speaker held on the day said). Triggers keep the copies right when a quote is added or moves
    to another speaker, source or day, when a speaker or source is renamed, and when a
    speaker's roles change. The insert trigger writes only when the row came without the right
    keys, so an import that supplies them pays one lookup per key.
    """
    db.executescript(f"""
    ALTER TABLE quotes ADD COLUMN speaker_sort TEXT;
    ALTER TABLE quotes ADD COLUMN source_sort TEXT;
    ALTER TABLE quotes ADD COLUMN title_sort TEXT;
    UPDATE quotes SET {_sort_keys("quotes")};
    CREATE TRIGGER quotes_sort_keys_on_insert AFTER INSERT ON quotes
    WHEN NEW.speaker_sort IS NULL OR NEW.source_sort IS NULL OR NEW.title_sort IS NULL
    BEGIN
        UPDATE quotes SET {_sort_keys("NEW")} WHERE id = NEW.id;
    END;
    CREATE TRIGGER quotes_sort_keys_on_move AFTER UPDATE OF speaker_id, source_id, said ON quotes BEGIN
        UPDATE quotes SET {_sort_keys("NEW")} WHERE id = NEW.id;
    END;
    CREATE TRIGGER quotes_sort_keys_on_speaker_rename AFTER UPDATE OF sort_name ON speakers
    WHEN NEW.sort_name IS NOT OLD.sort_name BEGIN
        {_on_quotes_of("speaker_id", "NEW.id", "speaker_sort = NEW.sort_name")}
    END;
    CREATE TRIGGER quotes_sort_keys_on_source_rename AFTER UPDATE OF title ON sources
    WHEN NEW.title IS NOT OLD.title BEGIN
        {_on_quotes_of("source_id", "NEW.id", "source_sort = NEW.title")}
    END;
    CREATE TRIGGER quotes_sort_keys_on_role_insert AFTER INSERT ON speaker_roles BEGIN
        {_on_quotes_of("speaker_id", "NEW.speaker_id", "title_sort = " + title_sql("quotes.speaker_id", "quotes.said"))}
    END;
    CREATE TRIGGER quotes_sort_keys_on_role_delete AFTER DELETE ON speaker_roles BEGIN
        {_on_quotes_of("speaker_id", "OLD.speaker_id", "title_sort = " + title_sql("quotes.speaker_id", "quotes.said"))}
    END;
    CREATE TRIGGER quotes_sort_keys_on_role_update AFTER UPDATE ON speaker_roles BEGIN
        {_on_quotes_of("speaker_id", "OLD.speaker_id", "title_sort = " + title_sql("quotes.speaker_id", "quotes.said"))}
        {_on_quotes_of("speaker_id", "NEW.speaker_id", "title_sort = " + title_sql("quotes.speaker_id", "quotes.said"))}
    END;
    CREATE INDEX quotes_live ON quotes(id) WHERE deleted_at IS NULL;
    CREATE INDEX quotes_by_words ON quotes(words, id) WHERE deleted_at IS NULL;
    CREATE INDEX quotes_by_updated ON quotes(updated_at, id) WHERE deleted_at IS NULL;
    CREATE INDEX quotes_by_rule ON quotes(rule, id) WHERE deleted_at IS NULL;
    CREATE INDEX quotes_by_provenance ON quotes((second_hand * 2 + translated), id) WHERE deleted_at IS NULL;
    CREATE INDEX quotes_by_status ON quotes(coalesce(check_status, ''), id) WHERE deleted_at IS NULL;
    CREATE INDEX quotes_by_speaker_sort ON quotes(speaker_sort, id) WHERE deleted_at IS NULL;
    CREATE INDEX quotes_by_source_sort ON quotes(source_sort, id) WHERE deleted_at IS NULL;
    CREATE INDEX quotes_by_title_sort ON quotes(title_sort, id) WHERE deleted_at IS NULL;
    """)


@migrations()
def m010_recordings(db: Database) -> None:
    """Recordings attached to sources, the speaker of each transcript cue, and quotes verified
    against the recording.

    A recording is kept outside the library file: the library holds its path, size, duration
    and SHA-256, so a moved file is found again by its hash and a changed one is flagged
    (``changed``: its timestamps may no longer hold). ``transcript_cues.speaker`` is the label
    a transcript gives the cue's words ("Speaker 1", "Jane Roe"; NULL: none). A quote's
    ``verified_by``/``verified_at`` say who heard it again in the recording, and when; they are
    written as an undoable step, so the history keeps them.
    """
    db.executescript("""
    CREATE TABLE recordings (
        id INTEGER PRIMARY KEY,
        source_id INTEGER NOT NULL UNIQUE REFERENCES sources(id) ON DELETE CASCADE,
        path TEXT NOT NULL CHECK (length(path) > 0),
        size INTEGER NOT NULL CHECK (size >= 0),
        duration REAL CHECK (duration IS NULL OR duration >= 0),
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        added_at TEXT NOT NULL,
        changed INTEGER NOT NULL DEFAULT 0 CHECK (changed IN (0, 1))
    );
    CREATE INDEX recordings_by_sha256 ON recordings(sha256);
    ALTER TABLE transcript_cues ADD COLUMN speaker TEXT;
    ALTER TABLE quotes ADD COLUMN verified_by TEXT NOT NULL DEFAULT '';
    ALTER TABLE quotes ADD COLUMN verified_at TEXT;
    """)


@migrations()
def m011_checks_rules(db: Database) -> None:
    """The version of the checks' rules that made the stored findings (one row).

    It starts at 0, older than any rules: the first check after the upgrade marks every
    checked quote stale, so that findings made by an earlier version's rules are made again
    (see ``qtapp.core.checks.rules_version``).
    """
    db.executescript("""
    CREATE TABLE checks_rules (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        version INTEGER NOT NULL CHECK (version >= 0)
    );
    INSERT INTO checks_rules (id, version) VALUES (1, 0);
    """)


SCHEMA_MIGRATIONS = [m.name for m in migrations._migrations]
