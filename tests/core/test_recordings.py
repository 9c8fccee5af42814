"""Recordings attached to sources: found again when moved, flagged when changed, verified quotes kept."""

import shutil

import pytest

from qtapp.core import recordings
from qtapp.core.errors import InvalidInput, NotFound

from .media import tone


@pytest.fixture
def source(library):
    return library.sources.add(title="Harbour interview", kind="interview", text="We open in spring.")


def test_attach_reads_size_duration_and_hash_and_undo_removes_it(library, source, tmp_path):
    file = tone(tmp_path / "talk.wav", 2.5)
    rec = recordings.attach(library, source, file)
    assert rec.size == file.stat().st_size
    assert rec.duration == pytest.approx(2.5, abs=0.01)
    assert rec.sha256 == recordings.sha256_of(file) and len(rec.sha256) == 64
    assert recordings.status(library, source).state == "ok"
    library.undo()
    assert recordings.get(library, source) is None


def test_a_file_that_is_not_media_is_refused_in_one_sentence(library, source, tmp_path):
    notes = tmp_path / "notes.wav"
    notes.write_text("not audio at all")
    with pytest.raises(InvalidInput, match="not an audio or video file"):
        recordings.attach(library, source, notes)
    with pytest.raises(NotFound, match="no file"):
        recordings.attach(library, source, tmp_path / "absent.wav")


def test_a_moved_recording_is_found_again_by_its_hash_not_its_name(library, source, tmp_path):
    file = tone(tmp_path / "talk.wav", 1.0)
    recordings.attach(library, source, file)
    elsewhere = tmp_path / "usb" / "deep"
    elsewhere.mkdir(parents=True)
    decoy = tone(elsewhere / "talk.wav", 1.0, hz=300)   # same name and size, other sound
    moved = elsewhere / "renamed.wav"
    shutil.move(file, moved)
    assert recordings.status(library, source).state == "missing"
    found = recordings.locate(library, folders=[tmp_path / "usb"])
    assert [r.path for r in found] == [moved.resolve()]
    assert recordings.status(library, source).state == "ok"
    assert decoy.exists()
    library.undo()
    assert recordings.get(library, source).path == file.resolve()


def test_locate_finds_a_file_moved_within_the_library_folder_without_being_told(library, source, tmp_path):
    (tmp_path / "media").mkdir()
    file = tone(tmp_path / "media" / "talk.wav", 1.0)
    recordings.attach(library, source, file)
    moved = tmp_path / "talk moved.wav"
    shutil.move(file, moved)
    assert [r.path for r in recordings.locate(library, source)] == [moved.resolve()]


def test_a_changed_recording_is_flagged_and_stays_flagged(library, source, tmp_path):
    file = tone(tmp_path / "talk.wav", 1.0)
    recordings.attach(library, source, file)
    data = bytearray(file.read_bytes())
    data[-10] ^= 0xFF                                      # same size, other bytes
    file.write_bytes(bytes(data))
    status = recordings.status(library, source)
    assert status.state == "changed" and "times may no longer hold" in status.message
    assert recordings.get(library, source).changed
    file.write_bytes(bytes(data[:-100]))                    # and now shorter
    assert recordings.status(library, source).state == "changed"
    recordings.attach(library, source, file)               # attached again once checked
    assert recordings.status(library, source).state == "ok"


def test_verified_against_the_recording_is_an_undoable_step_in_the_history(library, source, tmp_path):
    recordings.attach(library, source, tone(tmp_path / "talk.wav", 3.0))
    speaker = library.speakers.add("Mara Quill")
    quote = library.quotes.add("We open in spring.", speaker, source_id=source, time_start=0.5, time_end=2.0)
    recordings.mark_verified(library, [quote], who="  R.  Diaz ")
    verified = library.db.execute("SELECT verified_by, verified_at FROM quotes WHERE id = ?", [quote]).fetchone()
    assert verified[0] == "R. Diaz" and verified[1]
    fields = {f for (f,) in library.db.execute("SELECT field FROM history WHERE entity = 'quote' AND entity_id = ?",
                                               [quote])}
    assert {"verified_by", "verified_at"} <= fields
    assert library.undo() == "Mark 1 quote verified against the recording"
    assert library.db.execute("SELECT verified_by FROM quotes WHERE id = ?", [quote]).fetchone()[0] == ""


def test_a_quote_without_a_time_in_a_recording_cannot_be_verified(library, source):
    speaker = library.speakers.add("Mara Quill")
    quote = library.quotes.add("We open in spring.", speaker, source_id=source)
    with pytest.raises(InvalidInput, match="no time in a recording"):
        recordings.mark_verified(library, [quote], who="R. Diaz")
    with pytest.raises(InvalidInput, match="who verified"):
        recordings.mark_verified(library, [quote], who=" ")


def test_a_backup_lists_the_recordings_it_does_not_contain_and_pruning_removes_the_list(library, source, tmp_path):
    from qtapp.core import backup

    recordings.attach(library, source, tone(tmp_path / "talk.wav", 1.0))
    first = backup.backup_now(library.path, conn=library.db.conn)
    listed = backup.recordings_list(first.path).read_text(encoding="utf-8").splitlines()
    rec = recordings.get(library, source)
    assert listed[1:] == [f"{rec.sha256}  {rec.size}  {rec.path}"]
    assert backup.recordings_list(first.path).stat().st_mode & 0o077 == 0
    assert [b.path for b in backup.list_backups(library.path)] == [first.path]   # the list is no backup
    backup.backup_now(library.path, conn=library.db.conn, keep=1)
    assert not backup.recordings_list(first.path).exists()


def test_a_backup_of_a_library_without_recordings_has_no_list(library):
    from qtapp.core import backup

    made = backup.backup_now(library.path, conn=library.db.conn)
    assert not backup.recordings_list(made.path).exists()


def test_attaching_can_be_undone_after_the_file_was_flagged_changed(library, source, tmp_path):
    file = tone(tmp_path / "talk.wav", 1.0)
    recordings.attach(library, source, file)
    tone(file, 1.2)
    assert recordings.status(library, source).state == "changed"
    library.undo()
    assert recordings.get(library, source) is None
