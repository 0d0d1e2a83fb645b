"""The shape of a paragraph: its list marker and level, and its sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass

from deadline_tui.extract.cleanup import Paragraph

# Levels: parts and Roman chapters open the document's big divisions; "1.", "1.2."
# nest by their depth; "a)" sits below numbers, bullets below letters. A paragraph with
# no marker takes no level of its own.
PART, ROMAN, LETTER, BULLET, PLAIN = 0, 1, 10, 20, 30

_PART = re.compile(r"^Phần\s+thứ\s+(nhất|hai|ba|tư|năm)\b\s*[:.]?\s*", re.IGNORECASE)
_ROMAN = re.compile(r"^([IVX]+)[.)]\s+")
_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)(?:\.|\))\s*(?=\S)(?!\d)")
_LETTER = re.compile(r"^([a-zđ])\)\s+")
_BULLET = re.compile(r"^([-–•+*])\s*")
_PART_NUMBERS = {"nhất": 1, "hai": 2, "ba": 3, "tư": 4, "năm": 5}


@dataclass(frozen=True, slots=True)
class Item:
    """A paragraph split into its marker ("1.2", "a", "-") and its body."""

    kind: str  # "part", "roman", "number", "letter", "bullet" or "plain"
    label: str
    level: int
    body: Paragraph
    whole: Paragraph

    @property
    def is_list_item(self) -> bool:
        """Numbered, lettered or bulleted."""
        return self.kind in ("number", "letter", "bullet")


def item_of(paragraph: Paragraph) -> Item:
    """The paragraph's marker, level and body."""
    text = paragraph.text
    match = _PART.match(text)
    if match:
        number = _PART_NUMBERS[match.group(1).lower()]
        return Item("part", f"P{number}", PART, _rest(paragraph, match.end()), paragraph)
    match = _ROMAN.match(text)
    if match:
        return Item("roman", match.group(1), ROMAN, _rest(paragraph, match.end()), paragraph)
    match = _NUMBER.match(text)
    if match:
        label = match.group(1)
        level = 1 + label.count(".") + 1
        return Item("number", label, level, _rest(paragraph, match.end()), paragraph)
    match = _LETTER.match(text)
    if match:
        return Item("letter", match.group(1), LETTER, _rest(paragraph, match.end()), paragraph)
    match = _BULLET.match(text)
    if match:
        level = BULLET + (1 if match.group(1) == "+" else 0)
        return Item("bullet", match.group(1), level, _rest(paragraph, match.end()), paragraph)
    return Item("plain", "", PLAIN, paragraph, paragraph)


def _rest(paragraph: Paragraph, start: int) -> Paragraph:
    return paragraph.slice(start, len(paragraph.text)).strip()


def is_shouted(text: str) -> bool:
    """A line in capitals ("TỔ CHỨC THỰC HIỆN"): a heading."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def clause_starts(text: str) -> list[int]:
    """Where sentences and ";"-clauses begin (after ". " before a capital, or after "; ")."""
    starts = []
    for match in re.finditer(r"(?:[.!?]|;)\s+(?=\S)", text):
        following = text[match.end()]
        if text[match.start()] == ";" or following.isupper():
            starts.append(match.end())
    return starts
