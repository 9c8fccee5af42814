"""Language names for what a reporter types or a source records ("es", "Spanish", "es-MX").

::

    language_name("es-MX")     # 'Spanish'
    language_name("Tagalog")   # 'Tagalog' (a name is kept as typed)
    same_language("en-GB", "English")   # True
"""

from __future__ import annotations

# The ISO 639-1 codes of the languages news most often translates from; anything else is
# shown as it was typed.
_NAMES = {
    "ar": "Arabic", "bn": "Bengali", "ca": "Catalan", "cs": "Czech", "da": "Danish", "de": "German",
    "el": "Greek", "en": "English", "es": "Spanish", "fa": "Persian", "fi": "Finnish", "fr": "French",
    "he": "Hebrew", "hi": "Hindi", "hu": "Hungarian", "id": "Indonesian", "it": "Italian", "ja": "Japanese",
    "ko": "Korean", "nl": "Dutch", "no": "Norwegian", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian",
    "ru": "Russian", "sv": "Swedish", "sw": "Swahili", "th": "Thai", "tr": "Turkish", "uk": "Ukrainian",
    "ur": "Urdu", "vi": "Vietnamese", "zh": "Chinese",
}
# Names a text uses for the language words were said in ("said in Mandarin"), codes or not.
NAMES = frozenset(_NAMES.values()) | frozenset("""Amharic Basque Cantonese Croatian Dari Farsi Gaelic Hausa
Irish Kurdish Malay Mandarin Pashto Quechua Serbian Slovak Tagalog Tamil Welsh Yoruba""".split())


def language_name(value: str) -> str:
    """The language's English name for a code ('es', 'pt-BR'); any other value as given, trimmed."""
    value = (value or "").strip()
    return _NAMES.get(value.lower().replace("_", "-").split("-")[0], value) if len(value) <= 6 else value


def same_language(a: str, b: str) -> bool:
    """True when both name the same language (a code or a name); False when either is empty."""
    a, b = language_name(a).lower(), language_name(b).lower()
    return bool(a) and a == b
