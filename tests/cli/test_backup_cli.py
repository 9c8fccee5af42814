"""``verbatim backup`` and ``verbatim restore``: a manual backup, the list, a restore, and a
damaged library that never displaces a good backup."""

import random

from qtapp.cli import main
from qtapp.core import backup
from qtapp.core.library import Library


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
