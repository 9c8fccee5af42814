"""Reading JSON from a file someone else wrote, for the CSL-JSON and native importers.

::

    data = read_json(text, "This is not CSL-JSON: {reason}. Export it again as CSL JSON.")

A hostile file must not crash the import: a value nested thousands of levels deep (which
exhausts Python's recursion) or a ``"\\ud800"`` escape (a lone surrogate, which no library
can store) is refused as :class:`~qtapp.core.errors.ImportFailed`, like any other bad file.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..errors import ImportFailed, InvalidInput
from ..text import check_text

# Only text holding a \uD800-\uDFFF escape can decode to a lone surrogate (the file itself
# is strict UTF-8); this test spares the walk through a large file that has none.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def read_json(text: str, failure: str) -> Any:
    """The value of the JSON ``text``.

    :param failure: the message when ``text`` cannot be read, with ``{reason}`` for why.
    :raises ImportFailed: not JSON, nested too deeply, or holding a string that is not text.
    """
    try:
        data = json.loads(text)
    except ValueError as e:
        raise ImportFailed(failure.format(reason=e)) from None
    except RecursionError:
        raise ImportFailed(failure.format(reason="it is nested more deeply than any real file")) from None
    if _SURROGATE_ESCAPE.search(text):
        try:
            _check_strings(data)
        except InvalidInput as e:
            raise ImportFailed(failure.format(reason=str(e).rstrip("."))) from None
    return data


def _check_strings(data: Any) -> None:
    """Check every key and string in ``data`` (walked without recursion: it may be deep)."""
    pending = [data]
    while pending:
        value = pending.pop()
        if isinstance(value, str):
            check_text(value, "file")
        elif isinstance(value, dict):
            pending.extend(value.keys())
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
