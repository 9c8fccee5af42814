"""``verbatim recording``: attach a source's recording, check it, and find moved ones again.

::

    verbatim recording attach 3 ~/Interviews/mayor.m4a --library work.verbatim
    verbatim recording status --library work.verbatim        # ok / missing / changed, one line each
    verbatim recording locate --in /media/usb --library work.verbatim

The media stays where it is: the library keeps its path, size, duration and SHA-256.
"""

from __future__ import annotations

import argparse

from ...core import recordings
from ...core.transcripts import timestamp
from ..library_arg import add_library_argument, open_library, record_id


def register(subparsers) -> None:
    parser = subparsers.add_parser("recording", help="attach recordings to sources, check them, find moved ones",
                                   description="Attach the audio or video of a source, check that it is still "
                                               "there and unchanged, and find moved files again by their hash.")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    attach = actions.add_parser("attach", help="attach FILE as the recording of source SOURCE_ID")
    attach.add_argument("source_id", metavar="SOURCE_ID", type=record_id)
    attach.add_argument("file", metavar="FILE")
    attach.set_defaults(func=run_attach)
    status = actions.add_parser("status", help="say whether each recording is in place, missing or changed")
    status.set_defaults(func=run_status)
    locate = actions.add_parser("locate", help="find missing recordings again by hash (in the library's folder "
                                               "and each --in folder)")
    locate.add_argument("--in", dest="folders", metavar="DIR", action="append", default=[],
                        help="a folder to search as well (repeatable)")
    locate.set_defaults(func=run_locate)
    for sub in (parser, attach, status, locate):   # --library before or after the action
        add_library_argument(sub)


def run_attach(args: argparse.Namespace) -> int:
    with open_library(args) as lib:
        rec = recordings.attach(lib, args.source_id, args.file)
    length = timestamp(rec.duration) if rec.duration is not None else "unknown length"
    print(f"Attached {rec.path} ({length}) to source {rec.source_id}.")
    return 0


def run_status(args: argparse.Namespace) -> int:
    with open_library(args) as lib:
        found = recordings.all_recordings(lib)
        if not found:
            print("No source has a recording yet.")
        for rec in found:
            print(f"source {rec.source_id}\t{recordings.status(lib, rec.source_id).state}\t{rec.path}")
    return 0


def run_locate(args: argparse.Namespace) -> int:
    with open_library(args) as lib:
        found = recordings.locate(lib, folders=args.folders)
        missing = [r for r in recordings.all_recordings(lib) if not r.path.is_file()]
    for rec in found:
        print(f"Found the recording of source {rec.source_id} at {rec.path}")
    for rec in missing:
        print(f"Still missing: the recording of source {rec.source_id} ({rec.path.name})")
    if not found and not missing:
        print("Every recording is in place.")
    return 0
