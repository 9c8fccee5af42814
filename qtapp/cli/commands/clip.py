"""``verbatim clip``: the audio of quotes, for a fact-checker, named after the speaker and date.

::

    verbatim clip 12 15 --out ~/Desktop/pier --library work.verbatim
    verbatim clip 12 --out clips --format wav --lead-in 1
    verbatim clip 12 15 --out pier --sheet md            # and a quote sheet linking each quote to its clip

The publication gate decides which clips may leave: none of a quote that may not be
published, nor of one whose speaker may not be named (a voice names its speaker). Each quote
refused is named on standard error with the reason; when none may have a clip, that is one
error line.
"""

from __future__ import annotations

import argparse
import sys

from ...core.clips import CLIP_FORMATS, export_clips
from ...core.errors import ExportBlocked
from ..library_arg import add_library_argument, open_library, record_id


def register(subparsers) -> None:
    parser = subparsers.add_parser("clip", help="export the audio of quotes as clips (Opus or WAV)",
                                   description="Cut each quote's words from its source's recording into a file "
                                               "named after the speaker and date.")
    add_library_argument(parser)
    parser.add_argument("quote_ids", metavar="QUOTE_ID", type=record_id, nargs="+")
    parser.add_argument("--out", metavar="DIR", required=True, help="the folder to write the clips in")
    parser.add_argument("--format", choices=tuple(CLIP_FORMATS), default="opus",
                        help="opus (small, to send) or wav (uncompressed); default: opus")
    parser.add_argument("--lead-in", metavar="SECONDS", type=float, default=0.0,
                        help="seconds of the recording to keep before each quote (default: 0)")
    parser.add_argument("--sheet", choices=("md", "html", "docx", "csv"),
                        help="also write a quote sheet beside the clips, each quote linked to its clip")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with open_library(args) as lib:
        report = export_clips(lib, args.quote_ids, args.out, format=args.format, lead_in=max(0.0, args.lead_in),
                              sheet=f"sheet-{args.sheet}" if args.sheet else None)
    if report.refused and not report.clips:
        reasons = "; ".join(f"quote {q}: {reason}" for q, reason in report.refused.items())
        raise ExportBlocked(f"No clip was written ({reasons}). Choose quotes the gate lets out, with a time in an "
                            "attached recording.")
    for clip in report.clips:
        print(clip.path)
    if report.sheet is not None:
        print(report.sheet)
    for quote_id, reason in report.refused.items():
        print(f"verbatim: no clip of quote {quote_id}: {reason}.", file=sys.stderr)
    return 0
