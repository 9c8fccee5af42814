"""Opening the library named by ``--library`` (on the main parser or the subcommand)."""

from __future__ import annotations

import argparse

from ..core.library import Library
from ..core.paths import resolve_library_path


def add_library_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--library", metavar="FILE", default=argparse.SUPPRESS,
                        help="the library file (default: your per-user library)")


def record_id(text: str) -> int:
    """An id typed on the command line: a whole number SQLite can hold (argparse reports the rest)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not an id (a whole number such as 12)") from None
    if not 0 < value < 2 ** 63:
        raise argparse.ArgumentTypeError(f"{text} is not an id: ids are whole numbers from 1 up")
    return value


def open_library(args: argparse.Namespace) -> Library:
    return Library(resolve_library_path(getattr(args, "library", None)))
