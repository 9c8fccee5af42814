"""``verbatim backup`` and ``verbatim restore``: a manual backup, the list, a restore, a
damaged library that never displaces a good backup, and a backups folder its user cannot
read that never stops work."""

import io
import json
import os
import random
import shutil
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from qtapp.cli import build_parser, main
from qtapp.core import backup
from qtapp.core.library import Library
from tests.logged import caught_warnings

NOBODY = 65534


def _fill(path, n):
    with Library(path, backups=False) as lib:
        speaker = lib.speakers.add("Marta Quillon")
        lib.quotes.add_many([{"words": f"The harbour will reopen, round {i}.", "speaker_id": speaker}
                             for i in range(n)])


def _words(path):
    with Library(path, backups=False) as lib:
        return sorted(r[0] for r in lib.db.execute("SELECT words FROM quotes"))


def test_command_line_backup_and_restore(tmp_path, capsys):
    path = tmp_path / "desk.verbatim"
    _fill(path, 2)
    assert main(["backup", "--library", str(path)]) == 0
    made = backup.latest_backup(path)
    assert made.reason == "manual"
    with Library(path) as lib:
        lib.quotes.add("Said after the backup.", lib.speakers.add("Ilse Varga"))
    assert main(["backup", "--library", str(path), "--list"]) == 0
    assert str(made.path) in capsys.readouterr().out
    assert main(["restore", "--library", str(path), "--from", str(made.path)]) == 0
    assert "kept in" in capsys.readouterr().out
    assert len(_words(path)) == 2
    assert main(["restore", "--library", str(tmp_path / "other.verbatim")]) == 2
    assert "no backup" in capsys.readouterr().err


def test_ten_backups_of_a_damaged_library_keep_every_good_backup(tmp_path, capsys):
    path = tmp_path / "desk.verbatim"
    _fill(path, 200)
    Library(path).close()  # today's check and daily backup
    good = [backup.backup_now(path, keep=3) for _ in range(2)]
    kept = backup.list_backups(path)
    assert len(kept) == 3
    with open(path, "r+b") as f:  # scribble over a page that SQLite copies as it is
        f.seek(int(path.stat().st_size * 0.7) // 4096 * 4096)
        f.write(random.Random(7).randbytes(4096))
    for _ in range(10):
        assert main(["backup", "--library", str(path)]) == 2
    err = capsys.readouterr().err
    assert "desk.verbatim is damaged" in err and "verbatim restore" in err and "Traceback" not in err
    assert backup.list_backups(path) == kept
    backup.restore(path, good[-1].path)  # and the newest good one still restores
    with Library(path) as lib:
        assert lib.quotes.count() == 200


def _unusable_folder(base):
    """A library in ``base`` and a backups folder its user cannot read, as one `sudo verbatim backup`
    leaves it (when run as root; otherwise a folder made unreadable with chmod 000)."""
    path = base / "desk.verbatim"
    _fill(path, 200)
    assert _run(["backup", "--library", str(path)])[0] == 0  # as root: the folder is root's, mode 0700
    folder = backup.backups_folder(path)
    if os.geteuid() == 0:
        for p in (base, path):
            os.chown(p, NOBODY, NOBODY)
    else:
        os.chmod(folder, 0)
    return path, folder


def _as_the_user(work):
    """Run ``work()`` as the library's owner, who is not the backups folder's: in a child process
    switched to an unprivileged uid when the tests run as root (root reads every folder)."""
    if os.geteuid() != 0:
        return work()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: everything it needs is imported already
        os.close(read)
        try:
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            os.write(write, json.dumps(work()).encode())
        except BaseException as e:  # noqa: BLE001 - the forked child reports every failure to the parent
            os.write(write, json.dumps({"error": repr(e)}).encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as f:
        out = f.read()
    os.waitpid(pid, 0)
    done = json.loads(out)
    assert "error" not in done, done["error"]
    return done


def _run(argv):
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(argv)
    return code, err.getvalue()


def test_an_unreadable_backups_folder_never_stops_work(tmp_path):
    # Every command module is imported here, as the child may not be able to read Python's own.
    build_parser()
    _fill(tmp_path / "warm.verbatim", 2)
    _run(["export", "--library", str(tmp_path / "warm.verbatim"), "--format", "sheet-md",
          "-o", str(tmp_path / "warm.md")])
    base = Path(tempfile.mkdtemp())  # the pytest folder is root's alone; the library's user needs this one
    try:
        path, folder = _unusable_folder(base)

        def work():
            with caught_warnings() as warnings:
                with Library(path) as lib:
                    count = lib.quotes.count()
                export = _run(["export", "--library", str(path), "--format", "sheet-md", "-o", str(base / "s.md")])
                made = _run(["backup", "--library", str(path)])
            return {"uid": os.geteuid(), "count": count, "warnings": warnings, "export": export, "backup": made}

        done = _as_the_user(work)
    finally:
        os.chmod(base / "backups", 0o700)
        shutil.rmtree(base)
    assert done["uid"] != 0 and done["count"] == 200
    assert done["export"][0] == 0
    assert done["warnings"] and all(str(folder) in w and "make it yours again with" in w for w in done["warnings"])
    code, err = done["backup"]
    assert code == 2 and err.count("\n") == 1 and err.startswith("verbatim: ") and str(folder) in err
    assert ('sudo chown -R "$USER"' if os.geteuid() == 0 else "chmod -R u+rwX") in err
