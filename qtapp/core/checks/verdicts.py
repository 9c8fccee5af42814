"""Turning the verbatim and speaker comparisons into findings a reporter can act on."""

from __future__ import annotations

from .model import Finding
from .speaker import Judgement
from .verbatim import VerbatimResult

# Kinds of source whose text is the speaker's own words (no "X said" is expected in them).
OWN_WORDS_KINDS = ("interview", "speech", "social_post", "email", "podcast", "document")


def verbatim_findings(result: VerbatimResult) -> list[Finding]:
    """What the verbatim comparison means for publication."""
    return _verdict_findings(result) + _edge_findings(result)


def _edge_findings(result: VerbatimResult) -> list[Finding]:
    """A warning when the quote starts or stops right next to a word that bends its clause."""
    if not result.edges:
        return []
    shown = " and ".join(f"“{e['words']}” right {e['side']} it" for e in result.edges)
    return [Finding("verbatim", "warning", "edge_changes_meaning",
                    f"The source has {shown}, which the quote leaves out: a negation, a qualifier or a "
                    "number that may reverse its meaning. Quote that word too, or check that the quote "
                    "does not say something the speaker did not.",
                    tuple(result.edges[0]["span"]),
                    {"edges": result.edges, "key": "|".join(e["words"] for e in result.edges)})]


def _verdict_findings(result: VerbatimResult) -> list[Finding]:
    v, span = result.verdict, result.span
    if v == "normalized":
        return [Finding("verbatim", "info", "normalized",
                        "Matches the source once quotation marks, dashes, spaces and letter case are set aside.",
                        span)]
    if v == "elisions":
        serious = [o for o in result.omissions if o["serious"]]
        if serious:
            left_out = "; ".join(f"“{o['words']}”" for o in serious)
            return [Finding("verbatim", "blocking", "elision_changes_meaning",
                            f"An ellipsis or bracket leaves out {left_out}, which holds a negation, a qualifier "
                            "or a number. The shortened quote may say something the speaker did not.",
                            tuple(serious[0]["span"]), {"omissions": result.omissions, "key": left_out})]
        return [Finding("verbatim", "info", "elisions",
                        "Matches the source, with words left out (…) or added in brackets.",
                        span, {"omissions": result.omissions})]
    if v == "altered":
        shown = "; ".join(_describe(c) for c in result.changes[:6])
        more = f" and {len(result.changes) - 6} more" if len(result.changes) > 6 else ""
        serious = " This touches a negation, a qualifier or a number." if result.serious else ""
        return [Finding("verbatim", "blocking", "altered",
                        f"The words differ from the source: {shown}{more}.{serious} Use the source's words, "
                        "or mark your changes with … and [ ].", span,
                        {"passage": result.passage, "serious": result.serious, "score": round(result.score, 1),
                         "changes": [c.__dict__ for c in result.changes],
                         # The same diff against the same passage: an edit of the words is a new finding.
                         "key": result.passage + "|" + "|".join(f"{c.quote_words}>{c.source_words}"
                                                                 for c in result.changes)})]
    if v == "not_found":
        return [Finding("verbatim", "warning", "not_found",
                        "These words are not in the source's text. Check that this is the right source, or "
                        "whether the quote comes from elsewhere.")]
    if v == "unverifiable":
        return [Finding("verbatim", "info", "unverifiable",
                        "The source has no text, so the words cannot be verified. Add the article text, "
                        "transcript or notes to the source.")]
    if v == "no_source":
        return [Finding("verbatim", "info", "no_source",
                        "The quote has no source. Link it to the source it came from so it can be verified.")]
    return []


def _describe(change) -> str:
    if change.op == "replace":
        return f"“{change.quote_words}” where the source says “{change.source_words}”"
    if change.op == "added":
        return f"“{change.quote_words}” is not in the source"
    return f"the source's “{change.source_words}” is missing"


def speaker_findings(judgement: Judgement, source_kind: str) -> tuple[str, list[Finding]]:
    """What the source's attribution means: confirmed, someone else's words, or not said."""
    phrase = judgement.phrase
    if judgement.status == "attributed":
        return f"attributed_by_{judgement.how}", []
    if judgement.status == "other":
        written = phrase.mention or phrase.text if phrase else ""
        said = f" (“{written}”)" if written and written != judgement.other_name else ""
        return "other_speaker", [Finding(
            "speaker", "blocking", "misattributed",
            f"Possible misattribution: the source gives these words to {judgement.other_name}{said}, not to "
            "this quote's speaker. Check who said them.",
            phrase.span if phrase else None, {"other": judgement.other_name, "other_id": judgement.other_id,
                                              "key": judgement.other_name})]
    if source_kind in OWN_WORDS_KINDS:
        return "implied", []
    if judgement.how == "described":
        return "described", [Finding(
            "speaker", "info", "described",
            f"The source gives these words to {judgement.other_name}, a description that may be how it "
            "refers to this speaker. Check that it is.", phrase.span if phrase else None,
            {"key": judgement.other_name})]
    if judgement.how == "nearby":
        return "named_nearby", [Finding(
            "speaker", "info", "named_nearby",
            "The source names this speaker near these words, though not as the one who said them. "
            "Check that they did.")]
    hint = f" It may be {judgement.other_name}." if judgement.other_name else ""
    return "not_stated", [Finding(
        "speaker", "warning", "unattributed",
        f"The source does not say, next to these words, who said them.{hint} Check that this speaker did.",
        phrase.span if phrase else None, {"key": judgement.other_name})]
