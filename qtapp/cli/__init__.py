"""The ``verbatim`` command: no subcommand opens the window; subcommands work headless.

Each module in :mod:`qtapp.cli.commands` adds one subcommand through ``register(subparsers)``
and sets ``func(args) -> int`` on its parser. Errors the core raises on purpose are printed
as one readable line (exit status 2); anything unexpected is logged, never shown raw.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys

from .. import APP_NAME, __version__
from ..core.errors import VerbatimError
from . import commands

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
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
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            from ..gui.app import run_app
            return run_app(args.library)
        return args.func(args) or 0
    except VerbatimError as e:
        print(f"verbatim: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("verbatim: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as e:  # the last line of defence: no traceback reaches the user
        log.exception("unexpected error")
        print(f"verbatim: unexpected error ({type(e).__name__}: {e}). "
              "Please report it with the command you ran.", file=sys.stderr)
        return 1
