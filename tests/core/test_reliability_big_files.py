"""A 100 MB input file is refused quickly, within a tight memory ceiling, never read whole."""

import subprocess
import sys
import textwrap

CHILD = textwrap.dedent("""
    import resource, sys
    from pathlib import Path
    from qtapp.core.errors import VerbatimError
    from qtapp.core.formats.registry import read_import_file
    from qtapp.core.importers import import_paths, read_document
    from qtapp.core.library import Library

    lib = Library(Path(sys.argv[1]).parent / "big.verbatim", backups=False)
    vm = int(next(l for l in open("/proc/self/status") if l.startswith("VmSize")).split()[1]) * 1024
    # 64 MB above what is already mapped: reading the 100 MB file whole would fail.
    resource.setrlimit(resource.RLIMIT_AS, (vm + 64 * 2**20, vm + 64 * 2**20))
    for name in sys.argv[1:]:
        readers = [read_document] if not name.endswith((".bib", ".ris", ".json")) else [read_import_file]
        for read in readers:
            try:
                read(Path(name))
                print("ACCEPTED", name)
            except VerbatimError as e:
                print("REFUSED", name, "|", e)
    report = import_paths(lib, [sys.argv[1]])
    print("IMPORT", report.summary() if hasattr(report, "summary") else report)
""")


def _run_on_huge_files(tmp_path, suffixes):
    names = []
    for suffix in suffixes:
        path = tmp_path / f"huge.{suffix}"
        with open(path, "wb") as f:  # sparse: 100 MB that cost no disk
            f.write(b"A" * 4096)
            f.truncate(100 * 1024 * 1024)
        names.append(str(path))
    return names, subprocess.run([sys.executable, "-c", CHILD, *names], capture_output=True, text=True, timeout=120)


def test_a_100_mb_file_is_refused_within_a_memory_ceiling(tmp_path):
    names, done = _run_on_huge_files(tmp_path, ("txt", "html", "srt", "vtt", "md", "docx", "pdf", "bib", "ris"))
    assert done.returncode == 0, done.stderr[-2000:]
    refused = [line for line in done.stdout.splitlines() if line.startswith("REFUSED")]
    assert len(refused) == len(names), done.stdout
    assert all("MB" in line for line in refused), done.stdout
    assert "IMPORT" in done.stdout


def test_a_100_mb_file_named_json_that_is_not_json_is_refused_within_a_memory_ceiling(tmp_path):
    # A .json file may be a native library copy, so it is not refused by size; its first bytes
    # are judged before anything is read whole.
    _names, done = _run_on_huge_files(tmp_path, ("json",))
    assert done.returncode == 0 and "REFUSED" in done.stdout, done.stderr[-500:]
    assert "not JSON" in done.stdout or "binary" in done.stdout


def test_the_ceiling_would_catch_a_reader_that_loads_everything(tmp_path):
    # The test above can fail: the same ceiling stops a plain read of the whole file.
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(100 * 1024 * 1024)
    script = CHILD.split("for name in")[0] + "Path(sys.argv[1]).read_bytes()\n"
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and "MemoryError" in done.stderr
