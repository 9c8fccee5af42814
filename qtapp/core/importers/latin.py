"""Which of the two Latin code pages a text of unknown encoding was written in.

Windows-1252 (and its subset Latin-1) and Windows-1250 give the same bytes different letters
above 127: ``ã`` in Portuguese is ``ă`` read as 1250, ``ł`` in Polish is ``³`` read as 1252.
A short text rarely gives a statistical detector enough to tell them apart, but the letters
themselves do: the right reading uses the letters of one language; the wrong one mixes
letters of several, or symbols inside words. ::

    latin_reading("A decisão será tomada".encode("latin-1"))   # ('A decisão será tomada', True)
    latin_reading("Przyszłym tygodniu".encode("cp1250"))       # ('Przyszłym tygodniu', True)
"""

from __future__ import annotations

import re

# The accented letters of the languages written in each code page. Italian writes its accents
# at the end of a word only (più, così, città), so there a letter inside a word does not count.
_ALPHABETS = {
    "cp1252": {"pt": "áàâãçéêíóôõú", "fr": "àâçéèêëîïôœùûüÿ", "es": "áéíñóúü", "de": "äöüß",
               "it": "àèéìíòóù", "nl": "áéíóúäëïöü", "nordic": "åäöæøé", "is": "áðéíóúýþæö"},
    "cp1250": {"cs": "áčďéěíňóřšťúůýž", "sk": "áäčďéíĺľňóôŕšťúýž", "pl": "ąćęłńóśźż", "hu": "áéíóöőúüű",
               "ro": "ăâîșşțţ", "hr": "čćđšž", "de": "äöüß"},
}
_WORD_FINAL = frozenset({"it"})
_SAMPLE = 256 * 1024   # characters judged: a file is written in one code page throughout
_ABOVE_ASCII = re.compile(r"[^\x00-\x7f]")
_HIGH_BYTES = bytes(range(128, 256))
LATIN_PAGES = tuple(_ALPHABETS)   # in order of preference when both read as well
# What a detector calls a text in either code page, or one of their ISO and Mac cousins.
LATIN_GUESSES = frozenset({"cp1250", "cp1252", "latin_1", "iso8859_2", "iso8859_3", "iso8859_4", "iso8859_10",
                           "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16", "cp1257", "mac_latin2",
                           "mac_roman", "hp_roman8"})


def latin_reading(data: bytes) -> tuple[str, bool] | None:
    """``data`` read with the Latin code page whose letters fit one language best, and whether
    that reading is sure without asking a detector; None when neither page decodes it.

    It is sure when a quarter of the bytes or more are ASCII and every letter above it belongs
    to one language: a detector given a few words such as "não não" may guess a Chinese
    encoding. Otherwise trust it only if a detector also saw a Latin code page
    (:data:`LATIN_GUESSES`).
    """
    best_page, best_fit = None, -1.0
    for page in LATIN_PAGES:
        try:
            text = data.decode(page)
        except UnicodeDecodeError:
            continue
        fit = _fit(text[:_SAMPLE], _ALPHABETS[page])   # a file is in one page throughout
        if fit > best_fit:
            best_page, best_fit = page, fit
    if best_page is None:
        return None
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    return data.decode(best_page), best_fit == 1.0 and high <= len(data) * 3 / 4


def _fit(text: str, alphabets: dict[str, str]) -> float:
    """The share of the characters above ASCII that one language's alphabet holds, for the
    language that holds most (1.0 when there are none)."""
    counts: dict[tuple[str, bool], int] = {}
    for m in _ABOVE_ASCII.finditer(text):
        key = (m.group().lower(), not text[m.end():m.end() + 1].isalpha())
        counts[key] = counts.get(key, 0) + 1
    total = sum(counts.values())
    if not total:
        return 1.0
    return max(sum(n for (ch, final), n in counts.items()
                   if ch in letters and (final or language not in _WORD_FINAL))
               for language, letters in alphabets.items()) / total
