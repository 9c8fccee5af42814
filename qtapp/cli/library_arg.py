"""Opening the library named by ``--library`` (on the main parser or the subcommand)."""

from __future__ import annotations

import argparse

from ..core.library import Library
from ..core.paths import resolve_library_path


def add_library_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--library", metavar="FILE", default=argparse.SUPPRESS,
                        help="the library file (default: your per-user library)")


def open_library(args: argparse.Namespace) -> Library:
    return Library(resolve_library_path(getattr(args, "library", None)))
