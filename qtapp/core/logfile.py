"""The log file: where the details of an unexpected error go, so that none reaches the terminal.

::

    path = setup_logging()        # once, at start (the command line and the window)
    log.exception("...")          # the traceback goes to the file, never to the terminal
    written_to()                  # the file the user's message names, or None if unwritable

The file is ``verbatim.log`` in the per-user log folder (``VERBATIM_LOG_DIR`` overrides it),
readable by its owner only, as a traceback may quote a source's text. It rotates at
:data:`MAX_BYTES`, keeping :data:`KEPT` older files.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from logging.handlers import RotatingFileHandler
from pathlib import Path

import platformdirs

from .. import APP_NAME

LOG_DIR_VARIABLE = "VERBATIM_LOG_DIR"
FILE_NAME = "verbatim.log"
MAX_BYTES = 1024 * 1024
KEPT = 3


def log_path() -> Path:
    """The log file: in ``$VERBATIM_LOG_DIR`` if set, else in the per-user log folder."""
    folder = os.environ.get(LOG_DIR_VARIABLE) or platformdirs.user_log_path(APP_NAME, appauthor=False)
    return Path(folder).expanduser() / FILE_NAME


class _PrivateLog(RotatingFileHandler):
    """A rotating log whose folder is 0700 and whose files are 0600, rotated ones included.

    The file is opened on the first record only, so a run without errors leaves nothing behind.
    """

    def __init__(self, path: Path):
        super().__init__(path, maxBytes=MAX_BYTES, backupCount=KEPT, encoding="utf-8", delay=True)

    def _open(self):
        folder = Path(self.baseFilename).parent
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        os.fchmod(fd, 0o600)  # a file left by an older version may be world-readable
        return open(fd, "a", encoding=self.encoding, errors="backslashreplace")


def setup_logging() -> Path:
    """Send every log record (warnings and other libraries' included) to the log file only.

    The root logger gets the file as its one handler, so neither Python's last-resort handler
    nor a library's own logging prints to the terminal, and :mod:`warnings` go to the file.
    A log that cannot be written is dropped silently: the user's one-line message still says
    what went wrong. Returns the log file's path.
    """
    path = log_path()
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _PrivateLog)]:
        root.removeHandler(handler)
        handler.close()
    handler = _PrivateLog(path)
    handler.setFormatter(logging.Formatter("%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.WARNING)
    logging.captureWarnings(True)
    logging.raiseExceptions = False  # a failing log write prints nothing to the terminal
    # A thread's uncaught error, and one Python can only ignore (in __del__), are logged too.
    threading.excepthook = _log_thread_error
    sys.unraisablehook = _log_unraisable
    return path


def _log_thread_error(args) -> None:
    name = args.thread.name if args.thread else "a thread"
    logging.getLogger(__name__).error("uncaught error in %s", name,
                                      exc_info=(args.exc_type, args.exc_value, args.exc_traceback))


def _log_unraisable(args) -> None:
    exc_info = (args.exc_type, args.exc_value, args.exc_traceback) if args.exc_value else None
    logging.getLogger(__name__).error("ignored error %s in %r", args.err_msg or "", args.object, exc_info=exc_info)


def written_to() -> Path | None:
    """The log file if the root logger's file holds what was logged so far, else None."""
    for handler in logging.getLogger().handlers:
        if isinstance(handler, _PrivateLog):
            handler.flush()
            path = Path(handler.baseFilename)
            return path if handler.stream is not None and path.is_file() else None
    return None
