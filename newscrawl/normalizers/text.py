"""Whitespace clean-up for short texts and plain-text bodies from parsed HTML."""

import re
from collections.abc import Iterable, Iterator

import lxml.html

# Zero-width characters are invisible but break equality and hashing of otherwise equal text.
ZERO_WIDTH_RE = re.compile("[\u200b-\u200d\u2060\ufeff]")

# A notice, not a sentence: it starts with a copyright mark, or bans reprinting at its end, or
# reserves all rights. A body sentence that merely mentions 저작권자 or 무단 전재 does not match,
# and '(c)' counts only after 저작권자 because alone it also enumerates list items.
COPYRIGHT_NOTICE_RE = re.compile(
    r"""
    ^[\s<\[(【]*(?:저작권자\s*(?:©|ⓒ|\(c\))|©|ⓒ|copyright\b)
    | (?:무단|전재|재배포).*금지[\s.>)\]】]*$
    | all\s+rights\s+reserved
    """,
    re.IGNORECASE | re.VERBOSE,
)
# A real notice is one short line; a long paragraph that matches is article text.
COPYRIGHT_NOTICE_MAX_LENGTH = 200

PARAGRAPH_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "caption", "dd", "details", "div", "dl", "dt",
        "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
        "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead",
        "tr", "ul",
    }
)
# Cells of one table row stay on one line, separated by a space.
TABLE_CELL_TAGS = frozenset({"td", "th"})
# Their content is code or page chrome, never article text.
NON_TEXT_TAGS = frozenset(
    {
        "button", "embed", "form", "iframe", "noscript", "object", "script", "select", "style",
        "svg", "template", "textarea",
    }
)


def clean_text(text: str | None) -> str:
    """For titles, sub-headlines, captions: NBSP and other Unicode spaces (and newlines) -> ' ',
    zero-width chars (U+200B..U+200D, U+2060, U+FEFF) removed, runs of spaces collapsed, stripped.
    Keeps 「」, ▴, “”‘’, backticks, emoji, and any other character exactly."""
    if not text:
        return ""
    # str.split() splits at exactly the characters `\s` matches (str.isspace: NBSP, the U+2000 spaces, U+3000, ...)
    # and drops the ends: a regex substitution and strip() in one, at less than half their cost.
    return " ".join(ZERO_WIDTH_RE.sub("", text).split())


def _is_copyright_notice(line: str) -> bool:
    """is_copyright_line of a line clean_text already cleaned."""
    return len(line) <= COPYRIGHT_NOTICE_MAX_LENGTH and bool(COPYRIGHT_NOTICE_RE.search(line))


def is_copyright_line(paragraph: str) -> bool:
    """True for a copyright or no-reprint notice such as '저작권자 © 워크헤드라인 무단전재 및 재배포
    금지', 'Copyright ⓒ ... All rights reserved' or '<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>'."""
    return _is_copyright_notice(clean_text(paragraph))


def _clean_paragraph(paragraph: str) -> Iterator[str]:
    """The paragraphs inside one raw paragraph: lines cleaned, copyright lines dropped, and an
    empty line (e.g. <br><br>) treated as a paragraph break so blank lines never pile up."""
    lines: list[str] = []
    for raw_line in paragraph.splitlines():
        line = clean_text(raw_line)
        if line and not _is_copyright_notice(line):
            lines.append(line)
        elif not line and lines:
            yield "\n".join(lines)
            lines = []
    if lines:
        yield "\n".join(lines)


def drop_matching_lines(body: str, pattern: re.Pattern[str] | None) -> str:
    """A body text ('\\n\\n' between paragraphs, '\\n' inside) without the lines `pattern` matches whole, and
    without the paragraphs that leaves empty; the body unchanged when `pattern` is None."""
    if pattern is None:
        return body
    paragraphs = (
        "\n".join(line for line in paragraph.split("\n") if not pattern.fullmatch(line))
        for paragraph in body.split("\n\n")
    )
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def join_paragraphs(paragraphs: Iterable[str]) -> str:
    """Body text from paragraphs that may hold '\\n' line breaks: every line cleaned with
    clean_text, empty and copyright lines dropped, paragraphs joined with one blank line."""
    return "\n\n".join(
        cleaned for paragraph in paragraphs for cleaned in _clean_paragraph(paragraph)
    )


class _ParagraphCollector:
    """Walks an lxml tree in document order and cuts its text into paragraphs at block edges."""

    def __init__(self, skipped: frozenset = frozenset()) -> None:
        self.paragraphs: list[str] = []
        self._pieces: list[str] = []
        self._skipped = skipped

    def add_text(self, text: str | None) -> None:
        # Newlines in HTML source are plain whitespace; only <br> and blocks break lines. Each becomes a space: the
        # lines are cleaned afterwards, which collapses the runs.
        if text:
            self._pieces.append(text.replace("\r", " ").replace("\n", " "))

    def break_line(self) -> None:
        self._pieces.append("\n")

    def end_paragraph(self) -> None:
        if self._pieces:
            self.paragraphs.append("".join(self._pieces))
            self._pieces = []

    def walk(self, element: lxml.html.HtmlElement) -> None:
        tag = element.tag
        is_paragraph = tag in PARAGRAPH_TAGS
        if is_paragraph:
            self.end_paragraph()
        elif tag == "br":
            self.break_line()
        elif tag in TABLE_CELL_TAGS:
            self.add_text(" ")
        self.add_text(element.text)
        for child in element:
            # Comments and processing instructions have a non-str tag; their tail is still text.
            if isinstance(child.tag, str) and child.tag not in NON_TEXT_TAGS and child not in self._skipped:
                self.walk(child)
            self.add_text(child.tail)
        if is_paragraph:
            self.end_paragraph()


def element_to_text(element: lxml.html.HtmlElement, skipped: frozenset = frozenset()) -> str:
    """Plain text of an element's content: block elements (p, div, li, h1-h6, blockquote, table
    rows, ...) become paragraphs, in order, separated by exactly one blank line ('\\n\\n'); <br>
    becomes '\\n' inside a paragraph; script, style, noscript, iframe, button, form content is never
    text, nor that of the `skipped` elements (whose tails still are); lines cleaned with clean_text;
    paragraphs empty after cleaning dropped. Text directly inside a container mixed with blocks keeps
    its order."""
    if element in skipped:
        return ""
    collector = _ParagraphCollector(skipped)
    collector.walk(element)
    return join_paragraphs(collector.paragraphs)
