"""Hostile input never crashes a command: every failure is one ``verbatim:`` line, never a traceback.

Every subcommand is found from the parser, so a new one is fed without editing this file:

- every hostile library (damaged pages, junk, a folder, a text file...) as ``--library``, in
  every choice its options offer (every export format);
- every hostile file (a lone surrogate, nesting 100,000 deep, NUL bytes, a huge line, binary
  junk, an empty file, invalid UTF-8...) under every importer's file ending (so, mostly, the
  wrong one) as each positional argument, and under one ending as each option taking text;
- paths that are not files (a pipe, a folder, devices, a dangling link) everywhere a path goes.

A case passes when the output holds no traceback, nothing unexpected was logged, and a
failure is exactly one line starting with ``verbatim:`` with a non-zero exit status. The
whole product runs in-process through :func:`qtapp.cli.main`; the installed ``verbatim``
program runs a case of each kind, which also shows the interpreter itself prints nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qtapp.cli import build_parser, main
from qtapp.core.files import DOCUMENT_SUFFIXES
from qtapp.core.formats.native import FORMAT_NAME
from qtapp.core.library import Library

DEEP = 100_000
_JUNK = random.Random(10).randbytes(64 * 1024)
CONTENTS: dict[str, bytes] = {
    "lone-surrogate-csl": b'[{"type": "article-journal", "title": "caf\\ud800"}]',
    "lone-surrogate-native": json.dumps({"format": FORMAT_NAME, "version": 1, "sources": [
        {"uuid": "5b1c5c1e-2f4e-4a53-9a57-1f0f3c8e9d11", "title": "\udc00"}]}).encode(),
    "deep-list": b"[" * DEEP,
    "deep-object": b'{"a":' * (DEEP // 5) + b"1" + b"}" * (DEEP // 5),
    "deep-braces": b"@article{a, title={" + b"{" * DEEP + b"}" * DEEP + b"}}",
    "deep-markup": b"<div>" * DEEP,
    "nul-bytes": b"TY  - JOUR\n\x00TI  - He said \x00\x00\"no\"\nER  - \n",
    "huge-line": b"TI  - " + b"word " * 200_000,
    "binary-junk": _JUNK,
    "empty": b"",
    "invalid-utf8": b"@article{a, title={caf\xe9 \xff\xfe\xfa}}\n",
    "pdf-header-junk": b"%PDF-1.7\n" + _JUNK[:4096],
    "zip-header-junk": b"PK\x03\x04" + _JUNK[:4096],
    "subtitle-junk": b"1\n00:00:00,000 --> 99:99:99,999\n\x00\n\n2\n-->\n",
    "csl-style-junk": b"<?xml version='1.0'?><style xmlns='http://purl.org/net/xbiblio/csl'>" + b"<a>" * DEEP,
}
IMPORTER_SUFFIXES = sorted({".json", ".bib", ".ris", *DOCUMENT_SUFFIXES})
SUFFIXES = sorted({".csl", ".verbatim", ""} | set(IMPORTER_SUFFIXES))
LIBRARIES = ("damaged-pages", "binary-junk", "text-file", "folder", "sqlite-header-only", "missing-folder")
SPECIAL_PATHS = ("pipe", "folder", "/dev/null", "/dev/zero", "dangling-link", "missing")


# -- what the parser offers ----------------------------------------------------------------


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def _arguments(command: argparse.ArgumentParser) -> list[argparse.Action]:
    return [a for a in command._actions if a.dest not in ("help", "library")]


def positionals(command) -> list[argparse.Action]:
    return [a for a in _arguments(command) if not a.option_strings]


def text_options(command) -> list[argparse.Action]:
    """Options taking free text (a file name, a tag, a style): each gets hostile files."""
    return [a for a in _arguments(command) if a.option_strings and a.nargs != 0 and a.choices is None
            and a.type is None]


def number_options(command) -> list[argparse.Action]:
    return [a for a in _arguments(command) if a.option_strings and a.type is not None and a.choices is None]


def choice_sets(command) -> list[list[str]]:
    """Every combination of the command's choice options (each export format, each import format)."""
    combos: list[list[str]] = [[]]
    for action in _arguments(command):
        if action.option_strings and action.choices:
            combos = [[*c, action.option_strings[-1], choice] for c in combos for choice in action.choices]
    return combos


def base_args(name: str, command, good_file: Path) -> list[str]:
    """The command with its required parts filled in with sensible values."""
    args = [name]
    for action in _arguments(command):
        if action.option_strings and action.required:
            args += [action.option_strings[-1], action.choices[0] if action.choices else str(good_file)]
    for _ in positionals(command):
        args.append(str(good_file))
    return args


def _replace(args: list[str], old: str, new: str, count: int = 1) -> list[str]:
    """``args`` with the ``count``-th occurrence of ``old`` replaced by ``new``."""
    seen, result = 0, []
    for arg in args:
        if arg == old:
            seen += 1
            arg = new if seen == count else arg
        result.append(arg)
    return result


# -- the hostile things themselves ---------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    for name, data in CONTENTS.items():
        for suffix in SUFFIXES:
            (folder / f"{name}{suffix}").write_bytes(data)
    (folder / "good.txt").write_text("“We will rebuild the harbour,” said Mirela Stroud.\n", encoding="utf-8")
    good = folder / "good.verbatim"
    with Library(good) as lib:
        speaker = lib.speakers.add("Mirela Stroud")
        source = lib.sources.add("article", "Harbour", text="“We will rebuild the harbour,” said Mirela Stroud.")
        lib.quotes.add("We will rebuild the harbour", speaker, source_id=source, tags=["harbour"])
    _make_libraries(folder, good)
    _make_special_paths(folder)
    return folder


def _make_libraries(folder: Path, good: Path) -> None:
    libraries = folder / "libraries"
    libraries.mkdir()
    make_damaged(libraries / "damaged-pages.verbatim")
    (libraries / "binary-junk.verbatim").write_bytes(_JUNK)
    (libraries / "text-file.verbatim").write_text("Notes, not a library.\n")
    (libraries / "folder.verbatim").mkdir()
    (libraries / "sqlite-header-only.verbatim").write_bytes(good.read_bytes()[:100])


def make_damaged(damaged: Path) -> None:
    """A library checked and backed up today, then damaged: the check will not run again."""
    with Library(damaged) as lib:
        speaker = lib.speakers.add("Amara Okafor")
        source = lib.sources.add(title="Briefing", text="Boil your water. " * 2000)
        lib.quotes.add_many([{"words": f"Boil your water {i}.", "speaker_id": speaker, "source_id": source}
                             for i in range(300)])
    with Library(damaged):
        pass
    size = damaged.stat().st_size
    with open(damaged, "r+b") as f:
        for page in range(size // 4096 * 2 // 3, size // 4096):
            f.seek(page * 4096 + 100)
            f.write(b"\xde\xad" * 200)


def _make_special_paths(folder: Path) -> None:
    special = folder / "special"
    special.mkdir()
    os.mkfifo(special / "pipe")
    (special / "folder").mkdir()
    (special / "dangling-link").symlink_to(special / "nowhere")


def library_path(hostile: Path, name: str) -> Path:
    if name == "missing-folder":
        return hostile / "no-such-folder" / "work.verbatim"
    return hostile / "libraries" / f"{name}.verbatim"


def special_path(hostile: Path, name: str) -> str:
    return name if name.startswith("/") else str(hostile / "special" / name)


# -- cases ---------------------------------------------------------------------------------


def library_cases() -> list[tuple[str, list[str]]]:
    """(hostile library, argv without --library) for every command; every choice on damaged pages."""
    cases = []
    for name, command in subcommands().items():
        first, *others = choice_sets(command)
        base = base_args(name, command, Path("GOOD"))
        cases += [(library, [*base, *first]) for library in LIBRARIES]
        cases += [("damaged-pages", [*base, *choices]) for choices in others]
    return cases


def file_cases() -> list[list[str]]:
    """argv with one hostile file (named HOSTILE/<content><suffix>) in one place each."""
    cases = []
    for name, command in subcommands().items():
        base = base_args(name, command, Path("GOOD"))
        for position in range(1, len(positionals(command)) + 1):
            for n, content in enumerate(CONTENTS):
                for suffix in {SUFFIXES[n % len(SUFFIXES)], SUFFIXES[(n + len(SUFFIXES) // 2) % len(SUFFIXES)]}:
                    cases.append(_replace(base, "GOOD", f"HOSTILE/{content}{suffix}", position))
        for option in text_options(command):
            for n, content in enumerate(CONTENTS):
                cases.append([*base, option.option_strings[-1], f"HOSTILE/{content}{SUFFIXES[n % len(SUFFIXES)]}"])
        for option in number_options(command):
            for value in ("-1", "0", "x", "99999999999999999999999"):
                cases.append([*base, option.option_strings[-1], value])
    return cases


def importer_cases() -> list[list[str]]:
    """Every hostile file under every ending an importer reads (so mostly the wrong one)."""
    return [["import", f"HOSTILE/{content}{suffix}"] for content in CONTENTS for suffix in IMPORTER_SUFFIXES]


def special_cases() -> list[list[str]]:
    """argv with a path that is not a file in each place a path goes, --library included."""
    cases = []
    for name, command in subcommands().items():
        base = base_args(name, command, Path("GOOD"))
        for special in SPECIAL_PATHS:
            places = [_replace(base, "GOOD", f"SPECIAL/{special}", n) for n in range(1, len(positionals(command)) + 1)]
            places += [[*base, o.option_strings[-1], f"SPECIAL/{special}"] for o in text_options(command)]
            places += [[*base, "--library", f"SPECIAL/{special}"]] if special not in ("pipe", "/dev/zero") else []
            cases += places
    return cases


def _resolve(args: list[str], hostile: Path, library: Path) -> list[str]:
    out = []
    for arg in args:
        if arg == "GOOD":
            arg = str(hostile / "good.txt")
        elif arg.startswith("HOSTILE/"):
            arg = str(hostile / arg.removeprefix("HOSTILE/"))
        elif arg.startswith("SPECIAL/"):
            arg = special_path(hostile, arg.removeprefix("SPECIAL/"))
        out.append(arg)
    return out if "--library" in out else [*out, "--library", str(library)]


# -- running a case ------------------------------------------------------------------------


def run_in_process(argv: list[str], capsys) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as e:  # argparse's own exit, as the real program would
        code = e.code or 0
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def run_program(argv: list[str], log_dir: Path, cwd: Path) -> tuple[int, str, str]:
    program = Path(sys.executable).with_name("verbatim")
    command = [str(program)] if program.exists() else \
        [sys.executable, "-c", "import sys; from qtapp.cli import main; sys.exit(main())"]
    env = {**os.environ, "VERBATIM_LOG_DIR": str(log_dir), "PYTHONWARNINGS": "default"}
    done = subprocess.run(command + argv, capture_output=True, text=True, env=env, cwd=cwd, timeout=120,
                          stdin=subprocess.DEVNULL)
    return done.returncode, done.stdout, done.stderr


def assert_one_way_to_fail(argv: list[str], code: int, out: str, err: str, log_dir: Path) -> None:
    shown = " ".join(argv)
    assert "Traceback" not in out + err, f"a traceback reached the terminal: verbatim {shown}\n{err}"
    # Libraries may log their own complaints there; an unexpected error leaves a traceback.
    logged = "".join(p.read_text(errors="replace") for p in log_dir.glob("verbatim.log*"))
    assert "Traceback" not in logged, f"an unexpected error: verbatim {shown}\n{logged[-3000:]}"
    if code != 0 and not (argv[0] == "check" and code == 1 and not err):  # check: 1 means a quote blocks
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("verbatim: "), f"verbatim {shown} said:\n{err}"


@pytest.fixture
def log_dir(tmp_path, monkeypatch):
    folder = tmp_path / "log"
    monkeypatch.setenv("VERBATIM_LOG_DIR", str(folder))
    return folder


@pytest.fixture
def work(hostile, tmp_path) -> Path:
    """A copy of the good library for one case (restore and import may change it)."""
    path = tmp_path / "work.verbatim"
    shutil.copy(hostile / "good.verbatim", path)
    return path


# -- the tests -----------------------------------------------------------------------------


def test_every_command_is_fed():
    commands = set(subcommands())
    assert {"extract", "check", "cite", "import", "export", "backup", "restore"} <= commands
    assert {case[0] for _, case in library_cases()} == commands
    takes_text = {name for name, c in subcommands().items() if positionals(c) or text_options(c)}
    assert {case[0] for case in file_cases()} == takes_text
    exports = [c for _, c in library_cases() if c[0] == "export"]
    formats = {c[len(c) - 1 - c[::-1].index("--format") + 1] for c in exports}  # the last one counts
    assert formats == set(next(a for a in subcommands()["export"]._actions if a.dest == "format").choices)


@pytest.mark.parametrize("library, args", library_cases(), ids=lambda v: v if isinstance(v, str) else " ".join(v))
def test_a_hostile_library_is_one_line(hostile, library, args, log_dir, capsys):
    argv = _resolve(args, hostile, library_path(hostile, library))
    assert_one_way_to_fail(argv, *run_in_process(argv, capsys), log_dir)


@pytest.mark.parametrize("args", file_cases(), ids=" ".join)
def test_a_hostile_file_is_one_line(hostile, work, args, log_dir, capsys):
    argv = _resolve(args, hostile, work)
    assert_one_way_to_fail(argv, *run_in_process(argv, capsys), log_dir)


@pytest.mark.parametrize("args", importer_cases(), ids=" ".join)
def test_every_importer_takes_a_hostile_file_in_one_line(hostile, work, args, log_dir, capsys):
    argv = _resolve(args, hostile, work)
    assert_one_way_to_fail(argv, *run_in_process(argv, capsys), log_dir)


@pytest.mark.parametrize("args", special_cases(), ids=" ".join)
def test_a_path_that_is_not_a_file_is_one_line(hostile, work, args, log_dir, tmp_path, capsys):
    argv = _resolve(args, hostile, work)
    # A pipe goes to the real program, with a time limit: reading one could wait forever.
    done = run_program(argv, log_dir, tmp_path) if "SPECIAL/pipe" in args else run_in_process(argv, capsys)
    assert_one_way_to_fail(argv, *done, log_dir)


def test_the_damaged_library_names_its_latest_backup(log_dir, tmp_path):
    library = tmp_path / "damaged.verbatim"   # its own: other cases may restore the shared one
    make_damaged(library)
    code, _out, err = run_program(["check", "--library", str(library)], log_dir, tmp_path)
    assert code == 2
    assert "is damaged" in err and "The latest backup is from" in err and "verbatim restore" in err


@pytest.mark.parametrize("command", sorted(subcommands()))
def test_the_installed_program_fails_in_one_line(hostile, work, command, log_dir, tmp_path):
    """One hostile file and the damaged library per command, through the real entry point."""
    base = base_args(command, subcommands()[command], Path("GOOD"))
    cases = [_resolve(base, hostile, library_path(hostile, "damaged-pages"))]
    for n in range(1, len(positionals(subcommands()[command])) + 1):
        cases.append(_resolve(_replace(base, "GOOD", "HOSTILE/lone-surrogate-csl.json", n), hostile, work))
        cases.append(_resolve(_replace(base, "GOOD", "HOSTILE/deep-list.json", n), hostile, work))
    for argv in cases:
        assert_one_way_to_fail(argv, *run_program(argv, log_dir, tmp_path), log_dir)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) |
    st.text(st.characters(exclude_categories=()) | st.sampled_from(["\ud800", "\udfff", "\x00"]), max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["title", "type", "author", "issued", "URL", "uuid", "format", "version", "sources",
                         "speakers", "quotes", "words", "speaker", "literal", "family", "date-parts"]),
        children, max_size=5),
    max_leaves=30)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=json_values, native=st.booleans())
def test_any_json_imports_or_fails_in_one_line(hostile, work, log_dir, capsys, tmp_path, value, native):
    """CSL-JSON and native copies of any shape, any text (lone surrogates included)."""
    if native:
        value = {"format": FORMAT_NAME, "version": 1, "quotes": value if isinstance(value, list) else [value]}
    path = tmp_path / "any.json"
    path.write_text(json.dumps(value, ensure_ascii=True), encoding="utf-8")
    argv = ["import", str(path), "--library", str(work)]
    assert_one_way_to_fail(argv, *run_in_process(argv, capsys), log_dir)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES), command=st.sampled_from(["import", "extract"]))
def test_any_bytes_import_or_fail_in_one_line(hostile, work, log_dir, capsys, tmp_path, data, suffix, command):
    path = tmp_path / f"any{suffix}"
    path.write_bytes(data)
    argv = [command, str(path), "--library", str(work)]
    assert_one_way_to_fail(argv, *run_in_process(argv, capsys), log_dir)
