"""Checks a fact-checker runs before publication, stored per quote.

Is it verbatim, did this person say it, may it be published today, do the dates agree, is
it in the library twice or under someone else, is it second-hand, do its marks pair up::

    from qtapp.core.checks import check_quotes, acknowledge, findings_for
    [result] = check_quotes(lib, [quote_id])
    result.status                 # 'ok', 'info', 'warning' or 'blocking'
    result.verdicts["verbatim"]   # 'exact', 'normalized', 'elisions', 'altered', 'not_found', ...
    acknowledge(lib, result.findings[0].id, "Checked against the recording")
"""

from .model import CHECK_LABELS, Finding, QuoteCheck
from .runner import (
           CheckSummary,
           check_library,
           check_many,
           check_quotes,
           iter_checks,
           quote_ids_of,
)
from .store import acknowledge, findings_for, get_finding
from .verbatim import VerbatimResult, verify_words

__all__ = ["CHECK_LABELS", "CheckSummary", "Finding", "QuoteCheck", "VerbatimResult", "acknowledge",
           "check_library", "check_many", "check_quotes", "findings_for", "get_finding", "iter_checks", "quote_ids_of",
           "verify_words"]
