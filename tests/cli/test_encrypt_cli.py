"""``verbatim encrypt``/``decrypt`` and the passphrase of every command: a file, the environment or a prompt."""

import getpass
import io

import pytest

from qtapp.cli import main
from qtapp.core import backup
from qtapp.core.errors import PassphraseRequired
from qtapp.core.library import Library
from qtapp.core.sample import load_sample

pytest.importorskip("sqlcipher3")

PASS = "north pier, 'low' water"


@pytest.fixture
def desk(tmp_path, monkeypatch):
    monkeypatch.delenv("VERBATIM_PASSPHRASE", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))   # not a terminal unless a test says so
    path = tmp_path / "desk.verbatim"
    with Library(path) as lib:
        load_sample(lib)
        backup.backup_now(path, conn=lib.db.conn)
    return path


@pytest.fixture
def pass_file(tmp_path):
    file = tmp_path / "passphrase"
    file.write_text(PASS + "\n")
    return file


def _terminal(monkeypatch, *typed):
    """The command runs in a terminal where the reporter types ``typed``, one per prompt."""
    answers = iter(typed)
    prompts = []
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": prompts.append(prompt) or next(answers))
    return prompts


def _one_line(capsys):
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("verbatim: "), err
    return err[0]


def test_encrypt_with_a_file_then_every_command_takes_the_passphrase_from_file_or_environment(
        desk, pass_file, monkeypatch, capsys):
    assert main(["encrypt", "--library", str(desk), "--passphrase-file", str(pass_file)]) == 0
    assert "Encrypted desk.verbatim and 1 backup" in capsys.readouterr().out
    with pytest.raises(PassphraseRequired):
        Library(desk)

    assert main(["cite", "--library", str(desk), "--passphrase-file", str(pass_file)]) == 0
    monkeypatch.setenv("VERBATIM_PASSPHRASE", PASS)
    assert main(["backup", "--library", str(desk)]) == 0
    assert "Backed up to" in capsys.readouterr().out
    for b in backup.list_backups(desk):
        with pytest.raises(PassphraseRequired):
            Library(b.path, backups=False)   # the new backup is encrypted too


def test_without_a_passphrase_one_line_says_how_to_give_it(desk, pass_file, capsys):
    main(["encrypt", "--library", str(desk), "--passphrase-file", str(pass_file)])
    capsys.readouterr()
    assert main(["check", "--library", str(desk)]) == 2
    line = _one_line(capsys)
    assert "--passphrase-file FILE" in line and "VERBATIM_PASSPHRASE" in line
    assert main(["encrypt", "--library", str(desk.with_name("new.verbatim"))]) == 2
    assert "needs a new passphrase" in _one_line(capsys)
    junk = desk.with_name("junk.verbatim")
    junk.write_bytes(b"not a library" * 7)
    assert main(["cite", "--library", str(junk)]) == 2
    assert "not a SQLite database" in _one_line(capsys)


def test_a_wrong_passphrase_is_one_line_and_changes_nothing(desk, pass_file, tmp_path, monkeypatch, capsys):
    main(["encrypt", "--library", str(desk), "--passphrase-file", str(pass_file)])
    before = desk.read_bytes()
    monkeypatch.setenv("VERBATIM_PASSPHRASE", "north pier, high water")
    assert main(["cite", "--library", str(desk)]) == 2
    assert "passphrase is wrong" in _one_line(capsys)
    assert main(["decrypt", "--library", str(desk)]) == 2
    assert "passphrase is wrong" in _one_line(capsys)
    assert desk.read_bytes() == before
    empty = tmp_path / "empty"
    empty.write_text("\n")
    assert main(["cite", "--library", str(desk), "--passphrase-file", str(empty)]) == 2
    assert "is empty" in _one_line(capsys)


def test_at_a_terminal_the_passphrase_is_asked_twice_for_encrypting_and_once_for_opening(desk, monkeypatch, capsys):
    prompts = _terminal(monkeypatch, PASS, "north pier, low water")
    assert main(["encrypt", "--library", str(desk)]) == 2
    assert "differ" in _one_line(capsys) and len(prompts) == 2
    Library(desk, backups=False).close()   # still plain

    prompts = _terminal(monkeypatch, PASS, PASS, PASS, PASS)
    assert main(["encrypt", "--library", str(desk)]) == 0
    assert main(["check", "--library", str(desk)]) in (0, 1)
    assert "Checked" in capsys.readouterr().out and len(prompts) == 3
    assert main(["decrypt", "--library", str(desk)]) == 0
    assert "Removed the encryption of desk.verbatim and 1 backup" in capsys.readouterr().out
    with Library(desk, backups=False) as lib:
        assert lib.quotes.count() == 12


def test_a_new_library_is_created_encrypted_when_a_passphrase_is_given(tmp_path, pass_file, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    monkeypatch.delenv("VERBATIM_PASSPHRASE", raising=False)
    made = tmp_path / "made.verbatim"
    assert main(["encrypt", "--library", str(made), "--passphrase-file", str(pass_file)]) == 0
    with pytest.raises(PassphraseRequired):
        Library(made)
    monkeypatch.setenv("VERBATIM_PASSPHRASE", PASS)
    other = tmp_path / "other.verbatim"
    assert main(["cite", "--library", str(other)]) == 0
    Library(other, passphrase=PASS, backups=False).close()
