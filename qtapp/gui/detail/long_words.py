"""Words too long to lay out at once, read a part at a time in the quote's details.

::

    parts = WordParts(words)           # len(words) > HEAD_CHARS
    box.setPlainText(parts.text(0))    # "The harbour … … 150,000 more words"
    parts.has(1), parts.editable       # another part; short enough to show whole and edit

Laying out text takes about 0.35 ms per 1,000 characters on the GUI thread, so the details
show the first :data:`HEAD_CHARS` characters of long words, whole words up to
:data:`WHOLE_CHARS` on request, and longer ones (a pasted book) a part at a time.
"""

from __future__ import annotations

from ...core.plural import count_of

HEAD_CHARS = 20_000       # shown when the quote is chosen, read-only
WHOLE_CHARS = 100_000     # the most ever laid out at once (about 35 ms)


class WordParts:
    """``words`` cut at spaces into parts of about :data:`HEAD_CHARS` characters, found as read."""

    def __init__(self, words: str):
        self.words = words
        self.total = len(words.split())
        self.editable = len(words) <= WHOLE_CHARS
        self._starts = [0]       # where each part found so far begins
        self._before = [0]       # how many words come before it

    def has(self, k: int) -> bool:
        """Whether part ``k`` exists."""
        return k >= 0 and self._bounds(k)[0] < len(self.words)

    def text(self, k: int) -> str:
        """Part ``k``, marked where words come before and after it."""
        start, end = self._bounds(k)
        piece = self.words[start:end]
        after = max(0, self.total - self._before[k] - len(piece.split()))
        more = f" … {count_of(after, 'more word')}" if after else ""
        if after and not self.editable:
            more += " (too long to edit here)"
        return ("… " if start else "") + (piece.rstrip() if more else piece) + more

    def _bounds(self, k: int) -> tuple[int, int]:
        words = self.words
        while len(self._starts) <= k + 1:
            start = self._starts[-1]
            end = min(len(words), start + HEAD_CHARS)
            if end < len(words):
                space = max(words.rfind(c, start, end) for c in " \n\t")
                end = space + 1 if space >= start else end     # after a space; with none at all, anyway
            self._starts.append(end)
            self._before.append(self._before[-1] + len(words[start:end].split()))
        return self._starts[k], self._starts[k + 1]
