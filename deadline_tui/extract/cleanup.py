"""From raw text to the document's paragraphs, each knowing where it came from.

Every paragraph keeps, per character, its offset in the NFC text, so a draft's ``span``
points at the document as written even after footnote markers are removed and a
sentence split by a page break is joined again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
# Footnotes as word processors export them: a reference "[footnoteRef:2]", the note
# itself "[2: text]" (inline or on its own line), superscript markers "¹".
_FOOTNOTE = re.compile(r"\[footnoteRef:\d+\]|\[\d+:[^\]]*\]|[" + _SUPERSCRIPTS + r"]+|\*\*")
_FOOTNOTE_LINE = re.compile(r"^\s*(?:[" + _SUPERSCRIPTS + r"]|\[\d+:)")
# The body ends where the list of recipients or the signature begins.
_BODY_END = re.compile(
    r"^\s*(?:\**\s*)(?:nơi nhận\b|tm\.\s|kt\.\s|tl\.\s|q\.\s*chủ tịch|chủ tịch$|phó chủ tịch$)",
    re.IGNORECASE,
)
_EXTRA_SPACE = re.compile(r"(?<= ) +")
# Control characters (an escape sequence could clear a terminal or write its clipboard)
# are no part of a document's words; tabs and form feeds become spaces.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x9f]")
_LIST_START = re.compile(r"^\s*(?:[-–•+*]\s|\d{1,2}(?:\.\d{1,2})*[.)]\s|[a-zđ][).]\s|[IVX]+\.\s)")
_ROMAN_START = re.compile(r"^\s*[IVX]+\.\s")
_TERMINAL = (".", ";", ":", "!", "?", "…")
_BULLET_START = re.compile(r"^\s*[-–•+*]\s")


@dataclass(frozen=True, slots=True)
class Paragraph:
    """Clean text and, for each character (and one past the end), its NFC offset."""

    text: str
    origin: tuple[int, ...]

    @property
    def start(self) -> int:
        """Offset of the first character in the NFC text."""
        return self.origin[0]

    @property
    def end(self) -> int:
        """Offset one past the last character in the NFC text."""
        return self.origin[-1]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """NFC offsets of ``text[start:end]``."""
        return self.origin[start], self.origin[end - 1] + 1 if end > start else self.origin[start]

    def slice(self, start: int, end: int) -> Paragraph:
        """The part ``text[start:end]`` with its offsets."""
        return Paragraph(self.text[start:end], (*self.origin[start:end], self.span(start, end)[1]))

    def strip(self) -> Paragraph:
        """Without surrounding white space."""
        left = len(self.text) - len(self.text.lstrip())
        right = len(self.text.rstrip())
        if right <= left:
            return Paragraph("", (self.origin[0],))
        return self.slice(left, right)


def _remove(paragraph: Paragraph, pattern: re.Pattern[str]) -> Paragraph:
    text, origin = paragraph.text, paragraph.origin
    kept_text: list[str] = []
    kept_origin: list[int] = []
    position = 0
    for match in pattern.finditer(text):
        kept_text.append(text[position : match.start()])
        kept_origin.extend(origin[position : match.start()])
        position = match.end()
    kept_text.append(text[position:])
    kept_origin.extend(origin[position:])
    return Paragraph("".join(kept_text), tuple(kept_origin))


def _join(first: Paragraph, second: Paragraph) -> Paragraph:
    # The space stands where the break was.
    return Paragraph(
        first.text + " " + second.text, (*first.origin[:-1], first.end, *second.origin)
    )


def _continues(previous: Paragraph, following: Paragraph) -> bool:
    """True when ``following`` is the rest of ``previous``'s sentence, cut by a page
    break: it starts in lower case and ``previous`` did not end its sentence."""
    if not previous.text or not following.text or _LIST_START.match(following.text):
        return False
    return following.text[0].islower() and not previous.text.endswith((".", "!", "?", ":"))


def _wraps_on(last_line: str, following: Paragraph, full_width: int) -> bool:
    """In text taken from a PDF, a line as wide as the page runs on into the next one,
    unless that one opens an item ("- …", "3.1. …"). A Roman numeral after an unfinished
    sentence is the sentence's ("… Nghị quyết Trung ương 6 khóa | XII. Tập trung …")."""
    if len(last_line) < full_width * 0.8 or not _LIST_START.match(following.text):
        return len(last_line) >= full_width * 0.8
    return not last_line.endswith(_TERMINAL) and bool(_ROMAN_START.match(following.text))


def _full_width(lines: list[str]) -> int:
    widths = sorted(len(line.strip()) for line in lines if line.strip())
    return widths[int(len(widths) * 0.9)] if widths else 0


def paragraphs(text: str, *, wrapped_lines: bool = False) -> list[Paragraph]:
    """The body's paragraphs: one per line, footnotes out, broken sentences joined.

    ``wrapped_lines`` is for text taken from a PDF, where a paragraph arrives as the
    lines of the page.
    """
    found: list[Paragraph] = []
    offset = 0
    lines = text.split("\n")
    full_width = _full_width(lines) if wrapped_lines else 0
    last_line = ""
    for line in lines:
        start = offset
        offset += len(line) + 1
        if _FOOTNOTE_LINE.match(line):
            continue
        raw = Paragraph(line.translate(_SUBSCRIPTS), tuple(range(start, start + len(line) + 1)))
        raw = _remove(raw, _CONTROL)
        if _BODY_END.match(_remove(raw, _FOOTNOTE).text):
            break
        paragraph = _remove(raw, _FOOTNOTE).strip()
        if not paragraph.text:
            continue
        paragraph = Paragraph(re.sub(r"\s", " ", paragraph.text), paragraph.origin)
        paragraph = _remove(paragraph, _EXTRA_SPACE)
        if found and (
            _continues(found[-1], paragraph)
            or (wrapped_lines and _wraps_on(last_line, paragraph, full_width))
        ):
            found[-1] = _join(found[-1], paragraph)
        else:
            found.append(paragraph)
        last_line = paragraph.text
    return found
