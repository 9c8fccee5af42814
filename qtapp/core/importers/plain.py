"""Plain text and Markdown: notes, pasted articles, transcripts typed by hand."""

from __future__ import annotations

from markdown_it import MarkdownIt

from .draft import SourceDraft

_TITLE_MAX = 150
# Block tokens whose text stands as its own paragraph in the source text.
_BLOCKS = {"paragraph_open", "heading_open", "list_item_open", "blockquote_open"}


def title_from_text(text: str) -> str:
    """The first non-blank line, when it is short enough to be a headline."""
    for line in text.splitlines():
        line = " ".join(line.split())
        if line:
            return line if len(line) <= _TITLE_MAX else ""
    return ""


def read_plain(text: str, *, kind: str = "article") -> SourceDraft:
    """A source from plain text; its first short line becomes the title."""
    return SourceDraft(kind=kind, title=title_from_text(text), text=text.strip())


def read_markdown(text: str) -> SourceDraft:
    """A source from Markdown: the words without markup, the first heading as title.

    Markup is removed by a real Markdown parser (markdown-it-py), so that ``*emphasis*``
    inside a quote does not stop it matching the words later.
    """
    tokens = MarkdownIt("commonmark").parse(text)
    paragraphs: list[str] = []
    title = ""
    in_heading = False
    for token in tokens:
        if token.type == "heading_open":
            in_heading = True
        elif token.type == "heading_close":
            in_heading = False
        elif token.type in ("fence", "code_block"):
            paragraphs.append(token.content.rstrip("\n"))
        elif token.type == "inline":
            words = _inline_text(token)
            if in_heading and not title:
                title = " ".join(words.split())
            if words.strip():
                paragraphs.append(words)
    body = "\n\n".join(paragraphs)
    return SourceDraft(kind="article", title=title or title_from_text(body), text=body)


def _inline_text(token) -> str:
    parts = []
    for child in token.children or ():
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts)
