"""Every ``verbatim`` subcommand with arguments that make it reach the library, run under
hostile conditions (another program's file, a busy writer, a full disk) by
``bench/reliability.py`` and the reliability tests."""

import subprocess
import sys
from pathlib import Path

from qtapp.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]

# The arguments each subcommand needs; {out} is a folder, {text} a story, {refs} CSL-JSON.
ARGUMENTS = {
    "backup": [[], ["--list"]],
    "restore": [[]],
    "check": [[], ["--json"], ["--report", "{out}/report.md"]],
    "cite": [[]],
    "export": [["--format", "csl-json", "-o", "{out}/refs.json"], ["--format", "sheet-md", "-o", "{out}/s.md"]],
    "extract": [["{text}"]],
    "import": [["{refs}", "{text}"]],
}

ARGUMENTS_FLAT = [(c, a) for c, variants in ARGUMENTS.items() for a in variants]


def subcommands() -> set[str]:
    return set(build_parser()._subparsers._group_actions[0].choices)


def invocations(inputs: Path):
    """(command, arguments) pairs for every subcommand, with sample input files in ``inputs``."""
    story = inputs / "story.txt"
    story.write_text('"We will rebuild the pier by June," the harbour master, Ines Caldwell, said.\n')
    refs = inputs / "refs.json"
    refs.write_text('[{"id": "a", "type": "article-newspaper", "title": "Pier plan approved"}]')
    fill = {"out": inputs, "text": story, "refs": refs}
    return [(command, [a.format(**fill) for a in extra])
            for command, variants in ARGUMENTS.items() for extra in variants]


def run(command: str, library: Path, args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", command, "--library", str(library), *args],
                          capture_output=True, text=True, timeout=180, cwd=ROOT)


def failed(done: subprocess.CompletedProcess) -> bool:
    """Whether the command failed (``check`` exits 1 with its results when a quote is blocked)."""
    return done.returncode != 0 and not (done.args[2] == "check" and done.returncode == 1 and not done.stderr)


def problem(done: subprocess.CompletedProcess) -> str | None:
    """What is wrong with how the command ended: it must succeed, or say one line that starts
    with ``verbatim:``, and never show a traceback."""
    if "Traceback" in done.stdout + done.stderr:
        return f"{_label(done)}: traceback\n{done.stderr[-2000:]}"
    lines = done.stderr.strip().splitlines()
    if failed(done) and not (len(lines) == 1 and lines[0].startswith("verbatim: ")):
        return f"{_label(done)}: not one clear line\n{done.stderr[-2000:]}"
    return None


def _label(done: subprocess.CompletedProcess) -> str:
    return " ".join([done.args[2], *done.args[5:]])
