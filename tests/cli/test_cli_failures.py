"""One way to fail: one ``verbatim:`` line on the terminal, the traceback in a private log file."""

import sqlite3
import stat
import subprocess
import sys

import pytest

from qtapp.cli import main
from qtapp.core import backup
from qtapp.core.errors import LibraryBusy, LibraryDamaged
from qtapp.core.failures import expected_error, user_message
from qtapp.core.library import Library

CRASHING = """
import sys
import qtapp.cli.commands.cite as cite
def broken(*args, **kwargs):
    raise ValueError("a bug in the citation code")
cite.citations_json = broken
from qtapp.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _run(code, *args, log_dir):
    env = {"VERBATIM_LOG_DIR": str(log_dir), "PATH": "/usr/bin:/bin", "HOME": str(log_dir.parent)}
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=120)


def test_an_unexpected_error_is_one_line_naming_the_log(library, tmp_path):
    log_dir = tmp_path / "logs"
    done = _run(CRASHING, "cite", "--library", str(library.path), log_dir=log_dir)
    log_file = log_dir / "verbatim.log"
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == (f"verbatim: Something unexpected went wrong (ValueError: a bug in the citation code). "
                           f"Please report it with what you were doing. Details were written to {log_file}.\n")
    logged = log_file.read_text()
    assert "Traceback" in logged and "a bug in the citation code" in logged and "cite --library" in logged
    assert stat.S_IMODE(log_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(log_file.stat().st_mode) == 0o600


def test_library_logging_and_warnings_go_to_the_file_only(tmp_path):
    code = """
import logging, threading, warnings
from qtapp.core.logfile import setup_logging
setup_logging()
logging.getLogger("some.library").error("a library complains", exc_info=ValueError("inner"))
warnings.warn("a deprecation")
threading.Thread(target=lambda: 1 / 0).start()
"""
    done = _run(code, log_dir=tmp_path / "logs")
    assert done.stderr == "" and done.stdout == ""
    logged = (tmp_path / "logs" / "verbatim.log").read_text()
    assert "a library complains" in logged and "a deprecation" in logged and "ZeroDivisionError" in logged


def test_an_unwritable_log_still_gives_one_line(library, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    done = _run(CRASHING, "cite", "--library", str(library.path), log_dir=blocker)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith("verbatim: Something unexpected went wrong")
    assert "could not be written" in done.stderr


def test_a_mistyped_command_is_one_line(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["exprot"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("verbatim: argument COMMAND: invalid choice: 'exprot'")


def test_an_argument_that_is_not_utf8_is_refused(library, capsys):
    assert main(["export", "--library", str(library.path), "--format", "ris", "--tag", "caf\udce9"]) == 2
    assert capsys.readouterr().err.startswith("verbatim: The argument caf\\udce9 is not UTF-8 text.")


@pytest.mark.parametrize("text", ["database disk image is malformed", "file is not a database"])
def test_damage_met_at_any_point_names_the_latest_backup(tmp_path, text):
    path = tmp_path / "work.verbatim"
    Library(path).close()
    made = backup.backup_now(path)
    error = expected_error(sqlite3.DatabaseError(text), path)
    assert isinstance(error, LibraryDamaged)
    assert "is damaged" in str(error) and made.label() in str(error) and "verbatim restore" in str(error)


def test_a_locked_library_is_library_busy(tmp_path):
    assert isinstance(expected_error(sqlite3.OperationalError("database is locked"), tmp_path / "w.verbatim"),
                      LibraryBusy)


def test_other_errors_are_unexpected_and_one_line(tmp_path):
    error = KeyError("line one\nline two")
    assert expected_error(error) is None
    message = user_message(error, log_file=tmp_path / "verbatim.log")
    assert "\n" not in message and message.endswith(f"Details were written to {tmp_path / 'verbatim.log'}.")
