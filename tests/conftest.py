"""Shared fixtures: a fresh library in a temporary folder, where ../shared lives, and the libraries
and folders that core and command-line tests both use."""

import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["VERBATIM_WRITE_GUARD"] = "1"   # every write must go through write_transaction
# Commands run by the tests log their unexpected errors here, not in the user's log folder.
os.environ.setdefault("VERBATIM_LOG_DIR", tempfile.mkdtemp(prefix="verbatim-test-log-"))

from qtapp.core import db
from qtapp.core.errors import Interrupted
from qtapp.core.library import Library
from tests.core.zotero_fixture import ZoteroLibrary

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture
def library(tmp_path):
    lib = Library(tmp_path / "test.verbatim")
    yield lib
    lib.close()


class ProgressLog:
    """A :class:`qtapp.core.progress.Progress` that keeps each ``(done, total)`` it is told, and
    stops the work (:class:`Interrupted`) once ``done`` reaches ``stop_at``."""

    def __init__(self, stop_at: int | None = None):
        self.seen: list[tuple[int, int]] = []
        self.stop_at = stop_at

    def update(self, done: int, total: int, text: str = "") -> None:
        if self.stop_at is not None and done >= self.stop_at:
            raise Interrupted("Cancelled; nothing partial was kept.")
        self.seen.append((done, total))


@pytest.fixture
def progress_log():
    """``progress_log()`` records what long work reports; ``progress_log(stop_at=2)`` cancels it there."""
    return ProgressLog


@pytest.fixture
def shared_dir():
    """The read-only ../shared folder (fixtures, scorer); skips the test where it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present beside this checkout")
    return SHARED


@pytest.fixture(autouse=True)
def every_write_in_a_write_transaction():
    """Fail a test whose code wrote to a library outside ``write_transaction`` (see qtapp.core.db)."""
    db.unguarded_writes.clear()
    yield
    assert not db.unguarded_writes, "writes outside write_transaction:\n" + "\n".join(db.unguarded_writes[:10])


@pytest.fixture
def tmpfs(tmp_path):
    """A small file system of its own (4 MB), so it can really fill up or turn read-only."""
    mount = tmp_path / "mnt"
    mount.mkdir()
    if shutil.which("mount") is None or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m,mode=0755", "tmpfs", str(mount)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


@pytest.fixture
def secret(library):
    """Yolanda Zephyrine, confidential; sources that name her by surname only."""
    lib = library
    yz = lib.speakers.add("Yolanda Zephyrine", confidential=True, description="a port engineer")
    open_ = lib.speakers.add("Lotte Amsel")
    headline = lib.sources.add("article", "Zephyrine breaks silence", outlet="Shore News", date="2024-03-02")
    address = lib.sources.add("article", "Cranes halted", outlet="Shore News", date="2024-03-03",
                              url="https://shore.example/2024/zephyrine-speaks")
    plain = lib.sources.add("article", "Quay reopens", outlet="Shore News", date="2024-03-04")
    ids = [lib.quotes.add("The cranes stop in wind.", yz, source_id=headline),
           lib.quotes.add("Work resumes at dawn.", open_, source_id=address),
           lib.quotes.add("The quay reopens on Monday.", open_, source_id=plain, tags=["quay"])]
    return lib, ids


@pytest.fixture
def zotero_dir(tmp_path):
    """A Zotero data folder (zotero.sqlite and storage) with five items of different kinds and one in the trash."""
    z = ZoteroLibrary(tmp_path / "Zotero")
    article = z.item("newspaperArticle", {
        "title": "Harbor dredging plan splits council", "publicationTitle": "The Harbor Ledger",
        "date": "2024-03-05 March 5, 2024", "pages": "B3", "section": "Metro", "place": "Lindenport",
        "url": "https://ledger.example/dredging", "accessDate": "2024-03-06 09:15:00", "extra": "Print edition",
        "country": "Marlow"}, [("author", "Mara", "Quell"), ("author", None, "Ledger Staff")], key="ART00001")
    z.note(article, "<p>Called the harbor master back <b>Friday</b>.</p><p>She confirmed &amp; agreed.</p>")
    z.attachment(article, "The council split 4-3 on the dredging plan.")
    z.collection("Harbor story", [article])
    z.tag(article, "dredging")
    radio = z.item("radioBroadcast", {
        "title": "What the harbor master saw", "programTitle": "Morning Tide", "network": "Valley Public Radio",
        "episodeNumber": "212", "audioRecordingFormat": "Radio broadcast", "date": "2023-04-18"},
        [("host", "Tomas", "Brev"), ("guest", "Mara", "Quell"), ("director", "Aiko", "Nakamura")])
    z.collection("Harbor story", [radio])
    z.item("presentation", {"title": "Briefing on the flood barrier", "presentationType": "Press conference",
                            "meetingName": "Harbor Council briefing", "place": "Lindenport", "date": "2024-03-05"},
           [("presenter", None, "Harbor Council")])
    z.item("interview", {"title": "On dredging", "interviewMedium": "Telephone", "date": "2024-01-30"},
           [("interviewee", "Mara", "Quell"), ("interviewer", "Tomas", "Brev")])
    z.item("report", {"title": "Sediment and shipping", "institution": "Ministry of Canals", "reportNumber": "MC-14",
                      "reportType": "Technical report", "date": "2023-06-00 June 2023"})
    z.trash(z.item("webpage", {"title": "Thrown away"}))
    z.close()
    return tmp_path / "Zotero"


@pytest.fixture
def not_files(tmp_path):
    """Paths that are not regular files: a pipe, a socket, a link to the pipe, /dev/null and /dev/full."""
    fifo = tmp_path / "pipe.ris"
    os.mkfifo(fifo)
    sock = tmp_path / "sock.ris"
    link = tmp_path / "link.ris"
    link.symlink_to(fifo)
    devices = [Path(d) for d in ("/dev/null", "/dev/full") if Path(d).exists()]
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(sock))
        yield [fifo, sock, link, *devices]
