"""Clips for the fact-checker: exact durations, cut from generated speech, and only what the gate lets out.

The recordings are spoken by espeak-ng at known times and laid out with sox (see ``media.py``).
"""

import io
from contextlib import redirect_stderr, redirect_stdout

import pytest

from qtapp.cli import main
from qtapp.core import recordings
from qtapp.core.channels import CHANNELS
from qtapp.core.clips import NOT_NAMED, cut, export_clips
from qtapp.core.formats.selection import Selection
from qtapp.core.importers import import_paths
from qtapp.core.library import Library

from .media import duration_of, speak, tone

SENTENCES = [(0.4, "We expect the pier to reopen in the spring."),
             (4.0, "The repairs came in under budget."),
             (7.5, "Nobody was hurt when the old pilings gave way.")]
TOLERANCE = 0.05


@pytest.fixture(scope="module")
def spoken(tmp_path_factory):
    return speak(tmp_path_factory.mktemp("speech"), SENTENCES)


@pytest.fixture
def interview(library, spoken):
    """A transcript source imported from the SRT, its recording attached, a quote per sentence."""
    recording, srt, said = spoken
    (outcome,) = import_paths(library, [srt]).outcomes
    source = outcome.source_id
    library.sources.update(source, date="2024-05-02")
    recordings.attach(library, source, recording)
    mara = library.speakers.add("Mara Quill")
    text = library.sources.get(source).text
    quotes = []
    for s in said:
        start = text.index(s.words)
        quotes.append(library.quotes.add(s.words, mara, source_id=source, span_start=start,
                                         span_end=start + len(s.words)))
    return source, quotes, said


@pytest.mark.parametrize("format", ["opus", "wav"])
def test_a_clip_lasts_exactly_its_quote(library, interview, tmp_path, format):
    _, quotes, said = interview
    report = export_clips(library, quotes, tmp_path, format=format)
    assert not report.refused
    for clip, s in zip(report.clips, said, strict=True):
        assert (clip.start, clip.end) == pytest.approx((s.start, s.end), abs=0.002)   # times from the SRT
        assert duration_of(clip.path) == pytest.approx(s.end - s.start, abs=TOLERANCE)
    assert report.clips[0].path.name == f"Mara Quill 2024-05-02 quote {quotes[0]}.{format}"


def test_a_lead_in_adds_its_seconds_but_never_before_the_start(library, interview, tmp_path):
    _, quotes, said = interview
    first, second = export_clips(library, quotes[:2], tmp_path, format="wav", lead_in=1.0).clips
    assert duration_of(first.path) == pytest.approx(said[0].end, abs=TOLERANCE)          # starts at 0, not -0.6
    assert duration_of(second.path) == pytest.approx(said[1].end - said[1].start + 1.0, abs=TOLERANCE)


def test_a_clip_holds_the_words_not_the_silence_around_them(spoken, tmp_path):
    recording, _, said = spoken
    words, gap = tmp_path / "words.wav", tmp_path / "gap.wav"
    cut(recording, said[1].start, said[1].end, words, "wav")
    cut(recording, said[0].end + 0.1, said[1].start - 0.1, gap, "wav")
    assert _loudness(words) > 50 * max(_loudness(gap), 1)


REFUSED = {"off_record": "off the record: never published",
           "deep_background": "deep background: no quote and no attribution",
           "background": NOT_NAMED, "confidential": NOT_NAMED}


@pytest.mark.parametrize("how", sorted(REFUSED))
def test_the_gate_refuses_clips_of_quotes_that_may_not_name_their_speaker(library, interview, tmp_path, how):
    _, quotes, _ = interview
    if how == "confidential":
        library.speakers.update(library.quotes.get(quotes[0]).speaker_id, confidential=True)
    else:
        library.quotes.update(quotes[0], rule=how, rule_description="a harbour official")
    out_dir = tmp_path / "clips"
    out_dir.mkdir()
    report = export_clips(library, quotes[:1], out_dir)
    assert not report.clips and not list(out_dir.iterdir())
    assert report.refused == {quotes[0]: REFUSED[how]}
    listed = CHANNELS["clips"].render(library, Selection(quote_ids=tuple(quotes)), None)
    expected = 0 if how == "confidential" else 2          # a confidential speaker's every quote is refused
    assert (listed.count, sum(listed.withheld.values())) == (expected, 3 - expected)
    if how == "confidential":
        assert "Mara Quill" not in listed.text


def test_a_changed_recording_gives_no_clip(library, interview, tmp_path):
    source, quotes, _ = interview
    path = recordings.get(library, source).path
    tone(path, 9.0)
    report = export_clips(library, quotes[:1], tmp_path)
    assert report.refused == {quotes[0]: "its recording is changed"}


def test_the_clip_command_writes_clips_and_names_each_refusal(tmp_path, spoken):
    recording, srt, said = spoken
    path = tmp_path / "cli.verbatim"
    with Library(path) as lib:
        (outcome,) = import_paths(lib, [srt]).outcomes
        recordings.attach(lib, outcome.source_id, recording)
        who = lib.speakers.add("Mara Quill")
        text = lib.sources.get(outcome.source_id).text
        start = text.index(said[1].words)
        on = lib.quotes.add(said[1].words, who, source_id=outcome.source_id, span_start=start,
                            span_end=start + len(said[1].words))
        off = lib.quotes.add("Off the record words.", who, source_id=outcome.source_id, rule="off_record")
        untimed = lib.quotes.add("Words without a time.", who, source_id=outcome.source_id)
    out_dir = tmp_path / "clips"
    out_dir.mkdir()
    status, out, err = _run("clip", str(on), str(off), "--out", str(out_dir), "--format", "wav", "--library", str(path))
    assert status == 0 and out.strip().endswith(f"quote {on}.wav")
    assert err == f"verbatim: no clip of quote {off}: off the record: never published.\n"
    status, out, err = _run("clip", str(on), "--out", str(tmp_path / "absent"), "--library", str(path))
    assert status == 2 and err.count("\n") == 1 and "no folder" in err
    status, out, err = _run("clip", str(off), "99", "--out", str(out_dir), "--library", str(path))
    assert status == 2 and err.count("\n") == 1 and "no quote with id 99" in err
    status, out, err = _run("clip", str(off), str(untimed), "--out", str(out_dir), "--library", str(path))
    assert (status, out) == (2, "") and err.count("\n") == 1
    assert f"quote {off}: off the record" in err and f"quote {untimed}: it has no time in a recording" in err


def test_the_recording_command_attaches_and_finds_a_moved_file(tmp_path):
    path = tmp_path / "cli.verbatim"
    with Library(path) as lib:
        source = lib.sources.add(title="Call", kind="interview")
    media = tone(tmp_path / "call.wav", 1.0)
    status, out, _ = _run("recording", "attach", str(source), str(media), "--library", str(path))
    assert status == 0 and out.startswith("Attached") and "(0:01)" in out
    elsewhere = tmp_path.parent / f"{tmp_path.name}-usb"
    elsewhere.mkdir()
    media.rename(elsewhere / "renamed.wav")
    status, out, _ = _run("recording", "status", "--library", str(path))
    assert f"source {source}\tmissing" in out
    status, out, _ = _run("recording", "locate", "--in", str(elsewhere), "--library", str(path))
    assert status == 0 and f"Found the recording of source {source} at {elsewhere / 'renamed.wav'}" in out
    status, _, err = _run("recording", "attach", "99", str(elsewhere / "renamed.wav"), "--library", str(path))
    assert status == 2 and err.count("\n") == 1


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main(list(args))
    return status, out.getvalue(), err.getvalue()


def _loudness(path) -> float:
    """Mean absolute sample value of a 16-bit WAV."""
    import array
    import wave
    with wave.open(str(path), "rb") as w:
        samples = array.array("h", w.readframes(w.getnframes()))
    return sum(abs(s) for s in samples) / max(len(samples), 1)


@pytest.mark.parametrize("sheet", ["sheet-md", "sheet-html", "sheet-csv"])
def test_the_sheet_written_with_the_clips_links_each_quote_to_its_clip_and_says_who_verified(
        library, interview, tmp_path, sheet):
    _, quotes, _ = interview
    recordings.mark_verified(library, quotes[:1], who="R. Diaz")
    library.quotes.update(quotes[2], rule="off_record")
    report = export_clips(library, quotes, tmp_path, sheet=sheet)
    text = report.sheet.read_text(encoding="utf-8")
    names = [c.path.name for c in report.clips]
    assert len(names) == 2 and report.sheet.parent == tmp_path
    for name in names:
        assert (name.replace(" ", "%20") if sheet == "sheet-html" else name) in text
    assert "against the recording by R. Diaz" in text
    assert "Nobody was hurt" not in text          # the off-the-record quote: no row, no clip
