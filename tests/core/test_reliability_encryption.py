"""A passphrase-encrypted library (SQLCipher): nothing readable on disk, in the WAL or the backups."""

import pytest

from qtapp.core import backup
from qtapp.core.errors import LibraryDamaged, LibraryError
from qtapp.core.library import Library
from qtapp.core.query import QuoteQuery

pytest.importorskip("sqlcipher3")

PASS = "tide tables 'and' moorings"
SECRET = "Wenceslas Obradovic"
WORDS = "The lighthouse keeper knew about the smuggling."


def _on_disk(path):
    return b"".join(p.read_bytes() for p in path.parent.rglob(f"{path.stem}*") if p.is_file())


def test_an_encrypted_library_works_and_leaves_nothing_readable(tmp_path):
    path = tmp_path / "secret.verbatim"
    with Library(path, passphrase=PASS) as lib:
        speaker = lib.speakers.add(SECRET, aliases=["Obradovic"])
        lib.quotes.add(WORDS, speaker, tags=["harbour"])
        assert [r.id for r in lib.quotes.page(QuoteQuery(text="lighthouse"))]  # full-text search works
        assert [r.id for r in lib.quotes.page(QuoteQuery(speaker="Obradovic"))]
        raw = _on_disk(path)  # the WAL too, while the library is open
        assert SECRET.encode() not in raw and b"lighthouse" not in raw and b"SQLite format 3" not in raw
    with Library(path, passphrase=PASS) as lib:
        assert lib.quotes.get(1).words == WORDS


def test_a_wrong_or_missing_passphrase_is_refused_and_the_file_left_alone(tmp_path):
    path = tmp_path / "secret.verbatim"
    with Library(path, passphrase=PASS) as lib:
        lib.quotes.add(WORDS, lib.speakers.add(SECRET))
    original = path.read_bytes()
    with pytest.raises(LibraryError, match="passphrase is wrong"):
        Library(path, passphrase="guess")
    with pytest.raises(LibraryDamaged, match="passphrase"):
        Library(path)
    assert path.read_bytes() == original
    plain = tmp_path / "plain.verbatim"
    Library(plain).close()
    with pytest.raises(LibraryError, match="passphrase is wrong"):
        Library(plain, passphrase=PASS)


def test_backups_of_an_encrypted_library_are_encrypted_and_restore(tmp_path):
    path = tmp_path / "secret.verbatim"
    with Library(path, passphrase=PASS) as lib:
        lib.quotes.add(WORDS, lib.speakers.add(SECRET))
    with Library(path, passphrase=PASS) as lib:  # the daily backup
        lib.quotes.add("Written after the backup.", 1)
    (daily,) = backup.list_backups(path)
    assert SECRET.encode() not in daily.path.read_bytes()
    with pytest.raises(LibraryDamaged):
        backup.restore(path, daily.path)  # without the passphrase it cannot be checked, so it is refused
    done = backup.restore(path, daily.path, passphrase=PASS)
    with Library(path, passphrase=PASS) as lib:
        assert lib.quotes.count() == 1
    with Library(done.kept_copy, passphrase=PASS, backups=False) as kept:
        assert kept.quotes.count() == 2
