"""Encrypting and decrypting an existing library: nothing readable left, nothing lost, never half done."""

import hashlib
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qtapp.core import backup, encrypting
from qtapp.core.errors import LibraryBusy, NotALibrary, PassphraseRequired, PassphraseWrong
from qtapp.core.library import Library
from qtapp.core.sample import load_sample

pytest.importorskip("sqlcipher3")

PASS = "salt marsh 'ledger' at dawn"
ROOT = Path(__file__).resolve().parents[2]


def _sample(path):
    """A library holding the sample story, with two backups in its folder."""
    with Library(path) as lib:
        load_sample(lib)
        backup.backup_now(path, conn=lib.db.conn)
        braithwaite = lib.speakers.add("Ottoline Braithwaite")
        lib.quotes.add("Written after the first backup by Ottoline Braithwaite.", braithwaite)
        backup.backup_now(path, conn=lib.db.conn)


def _tokens(lib):
    """Distinctive words of the library's quotes and speakers' names, as they would sit on disk."""
    words = [w for (text,) in lib.db.execute("SELECT words FROM quotes UNION ALL SELECT name FROM speakers")
             for w in text.replace(",", " ").replace(".", " ").split() if len(w) >= 7 and w.isalpha()]
    assert len(set(words)) >= 10
    return sorted(set(words))


def _everything(lib):
    return {name: sorted(map(repr, lib.db.execute(f'SELECT * FROM "{name}"').fetchall()))
            for name in lib.db.table_names() if not name.startswith("sqlite_")}


def _files(path):
    """The library, its side files and every file in its backups folder."""
    return [p for p in [*path.parent.glob(f"{path.name}*"), *backup.backups_folder(path).glob("*")] if p.is_file()]


def _digests(path):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in _files(path)}


def test_after_encrypting_no_file_holds_a_word_of_the_library(tmp_path):
    path = tmp_path / "desk.verbatim"
    _sample(path)
    with Library(path, backups=False) as lib:
        tokens, before = _tokens(lib), _everything(lib)
    assert any(t.encode() in p.read_bytes() for p in _files(path) for t in tokens)   # the test can fail

    done = encrypting.encrypt(path, PASS)

    assert done.changed and done.backups == 2 and not done.left
    assert "Encrypted desk.verbatim and 2 backups" in done.summary()
    with Library(path, passphrase=PASS) as lib:
        assert _everything(lib) == before
        lib.quotes.add("A new secret about Ottoline Braithwaite.", 1)   # the WAL exists while it is open
        raw = [(p.name, p.read_bytes()) for p in _files(path)]
        assert any(name.endswith("-wal") for name, _ in raw)
    raw += [(p.name, p.read_bytes()) for p in _files(path)]
    leaks = [(name, t) for name, data in raw for t in [*tokens, "Braithwaite"] if t.encode() in data]
    assert not leaks
    assert all(b"SQLite format 3" not in data for _, data in raw)
    with pytest.raises(PassphraseRequired):
        Library(path)


def test_decrypting_gives_back_a_plain_library_with_everything(tmp_path):
    path = tmp_path / "desk.verbatim"
    _sample(path)
    with Library(path, backups=False) as lib:
        before = _everything(lib)
    encrypting.encrypt(path, PASS)

    done = encrypting.decrypt(path, PASS)

    assert done.changed and done.backups == 2
    with Library(path, backups=False) as lib:
        assert _everything(lib) == before
    for b in backup.list_backups(path):
        backup.verify_backup(b.path)   # plain again: they restore without a passphrase
    assert "nothing to do" in encrypting.decrypt(path, PASS).summary()


def test_a_wrong_passphrase_is_refused_and_nothing_changes(tmp_path):
    path = tmp_path / "desk.verbatim"
    _sample(path)
    encrypting.encrypt(path, PASS)
    before = _digests(path)
    with pytest.raises(PassphraseWrong, match="passphrase is wrong"):
        encrypting.decrypt(path, "salt marsh ledger at dusk")
    with pytest.raises(PassphraseWrong):
        encrypting.encrypt(path, "another one")   # already encrypted under another passphrase
    assert _digests(path) == before


def test_it_is_refused_while_the_library_is_open_elsewhere(tmp_path):
    path = tmp_path / "desk.verbatim"
    _sample(path)
    before = _digests(path)
    holder = subprocess.Popen([sys.executable, "-c", "import sys; from qtapp.core.library import Library\n"
                               "lib = Library(sys.argv[1], backups=False); print('ready', flush=True); "
                               "sys.stdin.read()",
                               str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=ROOT)
    try:
        assert holder.stdout.readline().strip() == b"ready"
        with pytest.raises(LibraryBusy, match="open in another window"):
            encrypting.encrypt(path, PASS)
    finally:
        holder.kill()
        holder.wait()
    assert {k: v for k, v in _digests(path).items() if "-" not in k[-4:]} == \
        {k: v for k, v in before.items() if "-" not in k[-4:]}
    with Library(path, backups=False) as lib:
        assert lib.quotes.count() > 10


def test_a_backup_that_cannot_be_encrypted_is_named_and_left(tmp_path):
    path = tmp_path / "desk.verbatim"
    _sample(path)
    stray = backup.backups_folder(path) / "desk 2026-01-02-030405 daily.verbatim"
    stray.write_bytes(b"half a copy, cut off by a full disk")

    done = encrypting.encrypt(path, PASS)

    assert done.left == (stray,) and stray.read_bytes().startswith(b"half a copy")
    assert str(stray) in done.summary() and "delete" in done.summary()


def test_another_programs_database_is_refused_and_a_new_path_is_created_encrypted(tmp_path):
    import sqlite3
    notes = tmp_path / "notes.db"
    with sqlite3.connect(notes) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    conn.close()
    with pytest.raises(NotALibrary):
        encrypting.encrypt(notes, PASS)
    fresh = tmp_path / "fresh.verbatim"
    encrypting.encrypt(fresh, PASS)
    with pytest.raises(PassphraseRequired):
        Library(fresh)
    Library(fresh, passphrase=PASS).close()


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.text("abcdefghijklmnopqrstuvwxyz", min_size=12, max_size=20), min_size=1, max_size=4))
def test_no_quote_ever_stays_readable_after_encrypting(tmp_path_factory, words):
    path = tmp_path_factory.mktemp("lib") / "desk.verbatim"
    with Library(path) as lib:
        speaker = lib.speakers.add("Quillon Marchbanks")
        for text in words:
            lib.quotes.add(f"{text}.", speaker)
        backup.backup_now(path, conn=lib.db.conn)
    encrypting.encrypt(path, PASS)
    for p in _files(path):
        data = p.read_bytes()
        assert not [t for t in [*words, "Marchbanks"] if t.encode() in data], p


_CONVERT = """
import sys
from qtapp.core import encrypting
print("start", flush=True)
getattr(encrypting, sys.argv[1])(sys.argv[2], sys.argv[3])
"""


def test_killed_midway_the_library_is_the_old_or_the_new_one_whole(tmp_path):
    path = tmp_path / "big.verbatim"
    with Library(path, backups=False) as lib:
        speaker = lib.speakers.add("Perpetua Scrimgeour")
        lib.quotes.add_many([{"words": f"Statement number {i} on the harbour accounts.", "speaker_id": speaker,
                              "context": "x" * 1000} for i in range(2000)])
        expected = lib.quotes.count()
    started = time.monotonic()
    encrypting.encrypt(path, PASS)
    took = time.monotonic() - started
    encrypting.decrypt(path, PASS)
    outcomes, delay = [], took / 2
    for _ in range(8):
        command = "decrypt" if _is_encrypted(path) else "encrypt"
        job = subprocess.Popen([sys.executable, "-c", _CONVERT, command, str(path), PASS],
                               stdout=subprocess.PIPE, cwd=ROOT)
        assert job.stdout.readline().strip() == b"start"
        time.sleep(delay)
        job.send_signal(signal.SIGKILL)
        job.wait()
        encrypted = _is_encrypted(path)
        with Library(path, passphrase=PASS if encrypted else None, backups=False) as lib:
            assert lib.quotes.count() == expected
            assert [r[0] for r in lib.db.execute("PRAGMA quick_check")] == ["ok"]
        done = encrypted == (command == "encrypt")
        outcomes.append(done)
        delay = delay * 0.6 if done else delay * 1.5 + 0.01   # aim the next kill near the swap
    assert set(outcomes) == {True, False}, f"every kill landed on the same side of the swap ({took:.2f} s)"


def _is_encrypted(path):
    try:
        Library(path, backups=False).close()
    except PassphraseRequired:
        return True
    return False


def test_only_a_file_of_whole_pages_may_be_an_encrypted_library(tmp_path):
    from qtapp.core.encryption import may_be_encrypted
    path = tmp_path / "desk.verbatim"
    encrypting.encrypt(path, PASS)
    Library(path, passphrase=PASS).close()
    cut = tmp_path / "cut.verbatim"
    cut.write_bytes(path.read_bytes()[:3000])   # a copy cut off: damaged, not to be asked a passphrase for
    assert may_be_encrypted(path) and not may_be_encrypted(cut) and not may_be_encrypted(tmp_path / "none")
