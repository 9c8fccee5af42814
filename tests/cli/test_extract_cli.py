"""``verbatim extract FILE [--json]``: the printed proposals and the JSON contract."""

import json

from qtapp.cli import main

ARTICLE = ("Harbour council votes on sea walls\n\n"
           "“We cannot wait for the next storm,” Mayor Ingrid Solberg said.\n\n"
           "“This is the vote of the decade,” said councillor Tomas Reyes.\n")


def test_json_is_the_exact_contract(tmp_path, capsys):
    path = tmp_path / "article.txt"
    path.write_bytes(ARTICLE.replace("\n", "\r\n").encode("utf-8"))
    assert main(["extract", str(path), "--json"]) == 0
    items = json.loads(capsys.readouterr().out)
    text = path.read_text(encoding="utf-8")
    assert [i["speaker"] for i in items] == ["Ingrid Solberg", "Tomas Reyes"]
    for item in items:
        assert set(item) == {"quote", "start", "end", "speaker", "confidence"}
        assert text[item["start"]:item["end"]] == item["quote"]
        assert 0 < item["confidence"] <= 1


def test_plain_output_lists_each_proposal(tmp_path, capsys):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert main(["extract", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and "Ingrid Solberg" in lines[0] and "next storm" in lines[0]


def test_library_speakers_are_matched(tmp_path, capsys, library):
    library.speakers.add("Tomas A. Reyes", aliases=["Tomas Reyes"])
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert main(["extract", str(path), "--json", "--library", str(library.path)]) == 0
    assert json.loads(capsys.readouterr().out)[1]["speaker"] == "Tomas A. Reyes"


def test_a_file_not_in_utf8_is_read_as_an_import_reads_it(tmp_path, capsys):
    path = tmp_path / "latin1.txt"
    path.write_bytes(('"We cannot wait for the next storm," said the mayor, Inês Calado.\n').encode("latin-1"))
    assert main(["extract", str(path), "--json"]) == 0
    item, = json.loads(capsys.readouterr().out)
    assert item["quote"] == "We cannot wait for the next storm" and item["speaker"].endswith("Calado")


def test_a_file_that_is_not_text_is_one_clear_line(tmp_path, capsys):
    path = tmp_path / "photo.txt"
    path.write_bytes(bytes(range(256)) * 40)
    assert main(["extract", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert "photo.txt" in err and len(err.splitlines()) == 1 and "Traceback" not in err


def test_missing_file(tmp_path, capsys):
    assert main(["extract", str(tmp_path / "nope.txt")]) == 2
    assert "There is no file" in capsys.readouterr().err


def test_a_missing_library_is_not_created(tmp_path, capsys):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    missing = tmp_path / "nope.verbatim"
    assert main(["extract", str(path), "--library", str(missing)]) == 2
    assert "There is no library" in capsys.readouterr().err
    assert not missing.exists()
