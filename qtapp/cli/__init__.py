"""The ``verbatim`` command: no subcommand opens the window; subcommands work headless.

Each module in :mod:`qtapp.cli.commands` adds one subcommand through ``register(subparsers)``
and sets ``func(args) -> int`` on its parser.

Every failure is one line on standard error, ``verbatim: <what went wrong and what to do>``,
with a non-zero exit status: 2 for an error the core raises on purpose (and for a mistyped
command), 1 for anything unexpected, whose traceback goes to the log file the line names
(see :mod:`qtapp.core.logfile`). No traceback ever reaches the terminal.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import pkgutil
import sys
from pathlib import Path

from .. import APP_NAME, __version__
from ..core.errors import InvalidInput
from ..core.failures import expected_error, user_message
from ..core.logfile import setup_logging, written_to
from ..core.text import one_line
from . import commands

log = logging.getLogger(__name__)


class Parser(argparse.ArgumentParser):
    """An argument parser whose mistakes are one ``verbatim:`` line, like every other failure."""

    def error(self, message: str):
        command = self.prog.removeprefix("verbatim").strip()
        help_hint = f"verbatim {command} --help" if command else "verbatim --help"
        self.exit(2, f"verbatim: {one_line(message)}. Run “{help_hint}” to see what it takes.\n")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="verbatim",
        description=f"{APP_NAME}: log, check and cite what people said. "
                    "With no command, opens the window.",
    )
    parser.add_argument("--library", metavar="FILE", help="the library file (default: your per-user library)")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    setup_logging()
    args = None
    try:
        _refuse_undecodable(sys.argv[1:] if argv is None else argv)
        args = build_parser().parse_args(argv)
        if args.command is None:
            from ..gui.app import run_app
            return run_app(args.library)
        return args.func(args) or 0
    except KeyboardInterrupt:
        print("verbatim: interrupted; nothing half-done was kept.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (``| head``) has gone: stop quietly, and let no flush at exit complain.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as e:  # the last line of defence: no traceback reaches the user
        library = _library_of(args)
        if expected_error(e, library) is not None:
            print(f"verbatim: {user_message(e, library=library)}", file=sys.stderr)
            return 2
        log.exception("unexpected error in: verbatim %s", " ".join(sys.argv[1:] if argv is None else argv))
        print(f"verbatim: {user_message(e, library=library, log_file=written_to())}", file=sys.stderr)
        return 1


def _refuse_undecodable(argv: list[str]) -> None:
    """Refuse an argument that is not UTF-8 (Python keeps its bytes as lone surrogates)."""
    for arg in argv:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            shown = arg.encode("utf-8", "backslashreplace").decode("ascii", "backslashreplace")
            raise InvalidInput(f"The argument {shown} is not UTF-8 text. Retype it, or rename the file "
                               "it names so that its name is UTF-8.") from None


def _library_of(args: argparse.Namespace | None) -> Path | None:
    """The library the command used, to name its backups in a message (None before parsing)."""
    if args is None:
        return None
    if args.command in (None, "extract") and not getattr(args, "library", None):
        return None  # the window reports its own errors; extract reads no library unless named
    from ..core.paths import resolve_library_path
    try:
        return resolve_library_path(getattr(args, "library", None))
    except Exception:  # noqa: BLE001 - a message about the failure matters more than naming the backups
        return None
