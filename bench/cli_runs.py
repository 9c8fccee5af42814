"""Every ``verbatim`` subcommand with arguments that make it reach the library, run under
hostile conditions (another program's file, a busy writer, a full disk) by
``bench/reliability.py`` and the reliability tests."""

import subprocess
import sys
import textwrap
import wave
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from qtapp.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]

# The arguments each subcommand needs; {out} is a folder, {text} a story, {refs} CSL-JSON,
# {passphrase} a passphrase file.
ARGUMENTS = {
    "backup": [[], ["--list"]],
    "restore": [[]],
    "check": [[], ["--json"], ["--report", "{out}/report.md"]],
    "cite": [[]],
    "quotes": [[], ["--json"], ["harbour", "speaker:Ines"]],
    "export": [["--format", "csl-json", "-o", "{out}/refs.json"], ["--format", "sheet-md", "-o", "{out}/s.md"]],
    "extract": [["{text}"]],
    "import": [["{refs}", "{text}"]],
    "recording": [["attach", "1", "{media}"], ["status"], ["locate", "--in", "{out}"]],
    "clip": [["1", "--out", "{out}"]],
    # Last, and in this order: the library is encrypted, then plain again for the next run.
    "encrypt": [["--passphrase-file", "{passphrase}"]],
    "decrypt": [["--passphrase-file", "{passphrase}"]],
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
    passphrase = inputs / "passphrase"
    passphrase.write_text("harbour lights at low tide\n")
    media = inputs / "call.wav"
    with wave.open(str(media), "wb") as w:   # one second of silence: a recording to attach
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(b"\0\0" * 8000)
    fill = {"out": inputs, "text": story, "refs": refs, "passphrase": passphrase, "media": media}
    return [(command, [a.format(**fill) for a in extra])
            for command, variants in ARGUMENTS.items() for extra in variants]


def run(command: str, library: Path, args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", command, "--library", str(library), *args],
                          capture_output=True, text=True, timeout=180, cwd=ROOT, stdin=subprocess.DEVNULL)


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


_BUSY_WRITER = textwrap.dedent("""
    import os, sys
    from qtapp.core.library import Library
    with Library(sys.argv[1], backups=False) as lib:
        quote = lib.quotes.add("Busy write.", lib.speakers.add("Busy Writer"))
        fd = os.open(sys.argv[2], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        print("ready", flush=True)
        n = 0
        while True:
            n += 1
            lib.quotes.update(quote, context=str(n))
            os.write(fd, f"{n}\\n".encode())
""")


@contextmanager
def busy_writer(library: Path, acknowledged: Path):
    """Another process saving one quote's context ("1", "2", …) again and again, writing the
    number of each save that returned to ``acknowledged``, until the block ends."""
    writer = subprocess.Popen([sys.executable, "-c", _BUSY_WRITER, str(library), str(acknowledged)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    try:
        if writer.stdout.readline().strip() != b"ready":
            raise RuntimeError(f"the busy writer did not start: {writer.stderr.read().decode()[-1000:]}")
        yield
    finally:
        writer.kill()
        writer.wait()


@dataclass
class Runs:
    """How every command ended: runs, failures (clear ones included) and problems."""
    runs: int = 0
    failed: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def run_all(library: Path, inputs: Path, commands=None) -> Runs:
    """Run every command (or ``commands`` from :func:`invocations`) on ``library``."""
    outcome = Runs()
    for command, args in commands if commands is not None else invocations(inputs):
        done = run(command, library, args)
        outcome.runs += 1
        if failed(done):
            outcome.failed.append(_label(done))
        if (trouble := problem(done)) is not None:
            outcome.problems.append(trouble)
    return outcome
