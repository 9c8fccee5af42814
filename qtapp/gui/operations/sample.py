"""The sample story a newcomer may start with."""

from __future__ import annotations

from ...core.library import Library
from ...core.sample import load_sample as store_sample
from . import Change, operation


@operation(Change.RECORDS)
def load_sample(lib: Library) -> None:
    """Fill a new library with the sample story's sources, speakers and quotes."""
    store_sample(lib)
