"""Checks a fact-checker runs before publication, stored per quote.

Is it verbatim, did this person say it, may it be published today, do the dates agree, is
it in the library twice or under someone else, is it second-hand, do its marks pair up::

    from qtapp.core.checks import check_quotes, acknowledge, findings_for
    [result] = check_quotes(lib, [quote_id])
    result.status                 # 'ok', 'info', 'warning' or 'blocking'
    result.verdicts["verbatim"]   # 'exact', 'normalized', 'elisions', 'altered', 'not_found', ...
    acknowledge(lib, result.findings[0].id, "Checked against the recording")
    recheck(lib)                  # the quotes a change made stale (see .stale)
    effective_rule(lib, quote_id) # the ground rule every channel applies (see .conflicts)
"""

import importlib

# Names are loaded on first use: every write marks stale checks (qtapp.core.undo imports
# .affected), and that must not load the extractor and the rest of the checks with it.
_EXPORTS = {
    "CHECK_LABELS": ".model", "Finding": ".model", "QuoteCheck": ".model",
    "CheckSummary": ".runner", "check_library": ".runner", "check_many": ".runner", "check_quotes": ".runner",
    "iter_checks": ".runner", "quote_ids_of": ".runner",
    "acknowledge": ".store", "findings_for": ".store", "get_finding": ".store",
    "Recheck": ".stale", "is_stale": ".stale", "iter_recheck": ".stale", "mark_due": ".stale", "recheck": ".stale",
    "stale_ids": ".stale", "verify_stored": ".stale",
    "VerbatimResult": ".verbatim", "verify_words": ".verbatim",
    "EffectiveRule": ".conflicts", "effective_rule": ".conflicts",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module, __name__), name)


def __dir__() -> list[str]:
    return __all__
