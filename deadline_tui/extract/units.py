"""Unit names in running text, resolved to full official names.

Matching runs on a folded copy of the text of the same length (no diacritics, no tone
marks, lower case), so offsets stay those of the text and "Uỷ ban"/"Ủy ban", "SỞ"/"Sở"
match alike. Each known name also matches its usual abbreviations, built by rule from the
name itself: "Ủy ban nhân dân" ↔ "UBND", and a department's field by the initials of its
parts ("Kế hoạch và Đầu tư" → "KH&ĐT", "KHĐT", "KH-ĐT"; "Lao động - Thương binh và Xã
hội" → "LĐ-TB&XH").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from deadline_tui.domain.vntext import fold
from deadline_tui.extract.catalogue import DEPARTMENT_FIELDS, all_units
from deadline_tui.extract.vocabulary import IMPERATIVES, NAME_STOPS

# Phrases and the abbreviations documents use for them (folded).
_PHRASE_ABBREVIATIONS = {
    "uy ban nhan dan": "ubnd",
    "hoi dong nhan dan": "hdnd",
    "van phong": "vp",
    "mat tran to quoc": "mttq",
    "ngan hang nha nuoc": "nhnn",
    "bo chi huy quan su": "bchqs",
    "ban quan ly": "bql",
    "khu kinh te": "kkt",
    "bao hiem xa hoi": "bhxh",
    "kho bac nha nuoc": "kbnn",
}
# Between the parts of a name: nothing, a space, "-", ",", "&" or "và".
_PART_SEP = r"\s*(?:[-–,&]|\bva\b)?\s*"
_GROUP_NOUNS = (
    r"(?:so|ban|nganh|dia phuong|don vi|co quan|huyen|thanh pho|thi xa|xa|phuong|thi tran"
    r"|hoi|doan the|to chuc(?: doan the| chinh tri - xa hoi)?|doanh nghiep|bo|tinh"
    r"|chu dau tu|truong|lien quan)"
)
_LEADER_TITLE = r"(?:(?:giam doc|thu truong|chu tich|lanh dao|nguoi dung dau)\s+)"
_BODY = r"(?:(?:uy ban nhan dan|ubnd|hoi dong nhan dan|hdnd)\s+)"
_GROUP_TAIL = (
    r"(?:\s+(?:hdnd|hoi dong nhan dan|ubnd|uy ban nhan dan))?(?:\s+(?:cap tinh|cap huyen|tinh))?"
)
_GROUP_ITEM = rf"{_LEADER_TITLE}?{_BODY}?(?:cac\s+)?{_GROUP_NOUNS}{_GROUP_TAIL}"
# "các sở, ban, ngành, địa phương", "Giám đốc các Sở, Thủ trưởng các ban, ngành, Chủ tịch
# UBND các huyện, thành phố, thị xã": a group the text addresses as a whole.
_COLLECTIVE = (
    rf"{_LEADER_TITLE}?{_BODY}?cac\s+{_GROUP_NOUNS}{_GROUP_TAIL}"
    rf"(?:\s*[,;]?\s*(?:va\s+|cung\s+)?{_GROUP_ITEM})*"
    r"(?:\s+lien quan)?(?:\s+(?:tren dia ban(?: tinh)?|theo chuc nang,? nhiem vu))?"
)
_PLACE = (
    r"(?:uy ban nhan dan|ubnd|hoi dong nhan dan|hdnd)"
    r"\s+(?:huyen|thanh pho|thi xa|xa|phuong|thi tran)\s+(?=\w)"
)
_UNKNOWN_HEAD = re.compile(
    r"(?:Sở|Ban|Trung tâm|Cục|Chi cục|Hội|Công ty|Trường|Bệnh viện|Đài|Báo|Viện|Văn phòng|Đoàn)"
    r"\s+(?=\w)"
)
_MAX_NAME_WORDS = 16


@dataclass(frozen=True, slots=True)
class Mention:
    """A unit named in the text at ``[start, end)``: its resolved name and kind."""

    start: int
    end: int
    name: str
    kind: str  # "unit", "collective", "place" or "unknown"

    @property
    def collective(self) -> bool:
        """The text addresses a group, not one unit."""
        return self.kind == "collective"


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    folded = fold(char)
    return folded[0] if folded else " "


def fold_aligned(text: str) -> str:
    """``fold`` character by character: the result has exactly ``len(text)`` characters.

    Each character's fold is remembered: a 50-page document folds ~2.400 pieces of
    text, and folding their characters afresh each time cost 1,0 s of a 1,8 s run.
    """
    return text.translate({ord(char): _fold_char(char) for char in set(text)})


def _words_pattern(folded_name: str) -> str:
    tokens = re.findall(r"\w+|[-–,&]", folded_name)
    pattern = ""
    previous_was_word = False
    for token in tokens:
        if token in ("va", "-", "–", ",", "&"):
            pattern += _PART_SEP
            previous_was_word = False
            continue
        if previous_was_word:
            pattern += r"\s+"
        pattern += re.escape(token)
        previous_was_word = True
    for phrase, short in _PHRASE_ABBREVIATIONS.items():
        spelled = r"\s+".join(phrase.split())
        pattern = pattern.replace(spelled, f"(?:{spelled}|{short})")
    return pattern


def _initials(field: str) -> str | None:
    parts = [p.split() for p in re.split(r"\s*(?:[-–,&]|\bva\b)\s*", fold(field)) if p.strip()]
    words = sum(len(p) for p in parts)
    if len(parts) < 2 and words < 3:
        return None
    return _PART_SEP.join("".join(w[0] for w in part) for part in parts)


def _field_pattern(field: str) -> str:
    """A department's field, each part written out or as its initials, mixed as
    documents mix them ("Nông nghiệp và PTNT", "KH&ĐT", "Văn hóa, TT&DL")."""
    parts = [p.split() for p in re.split(r"\s*(?:[-–,&]|\bva\b)\s*", fold(field)) if p.strip()]
    short = _initials(field)
    pieces = []
    for words in parts:
        spelled = r"\s+".join(re.escape(w) for w in words)
        initials = "".join(w[0] for w in words)
        pieces.append(f"(?:{spelled}|{initials})" if len(words) > 1 and short else spelled)
    mixed = _PART_SEP.join(pieces)
    return f"(?:{mixed}|{short})" if short else mixed


def _unit_pattern(name: str) -> str:
    folded = fold(name)
    if folded.startswith("so "):
        field = name.split(" ", 1)[1]
        return rf"so\s+{_field_pattern(field)}(?:\s+tinh)?"
    if folded.endswith(" tinh") and len(folded.split()) >= 4:
        return _words_pattern(folded[: -len(" tinh")]) + r"(?:\s+tinh)?"
    return _words_pattern(folded)


@dataclass(frozen=True)
class Catalogue:
    """Known unit names (built-in and the book's) and how to find them in text."""

    names: tuple[str, ...]
    pattern: re.Pattern[str]
    field_pattern: re.Pattern[str]
    collective: re.Pattern[str]
    place: re.Pattern[str]

    def find_at(self, folded: str, original: str, position: int) -> Mention | None:
        """The unit named at exactly ``position``, if any."""
        match = self.collective.match(folded, position)
        if match is not None:
            end = _trim(original, match.end())
            return Mention(position, end, original[position:end], "collective")
        match = self.place.match(folded, position)
        if match is not None:
            end = _proper_name_end(original, match.end())
            if end > match.end():
                return Mention(position, end, _spelled(original[position:end]), "place")
        match = self.pattern.match(folded, position)
        if match is not None:
            index = next(i for i, group in enumerate(match.groups()) if group is not None)
            return Mention(position, match.end(), self.names[index], "unit")
        return None

    def field_at(self, folded: str, position: int) -> Mention | None:
        """A department named by its field alone (after "Các Sở:")."""
        match = self.field_pattern.match(folded, position)
        if match is None:
            return None
        index = next(i for i, group in enumerate(match.groups()) if group is not None)
        return Mention(position, match.end(), f"Sở {DEPARTMENT_FIELDS[index]}", "unit")

    def unknown_at(self, original: str, position: int) -> Mention | None:
        """A unit-like name ("Trung tâm Y tế Dự phòng") that no catalogue knows."""
        match = _UNKNOWN_HEAD.match(original, position)
        if match is None or not original[match.end()].isupper():
            return None
        # The name runs to punctuation or to the verb that follows it; a provincial
        # unit's name ends with "tỉnh" (or "tỉnh <Place>") even when words of it are
        # verbs ("Ban Quản lý dự án đầu tư xây dựng công trình giao thông tỉnh").
        words = list(re.finditer(r"[^\s,;:.()]+", original[match.end() :]))
        end = 0
        window: list[re.Match[str]] = []
        for word in words[:_MAX_NAME_WORDS]:
            if window and re.search(
                r"[,;:.()]", original[match.end() + window[-1].end() : match.end() + word.start()]
            ):
                break
            window.append(word)
        province = next((i for i, w in enumerate(window) if fold(w.group()) == "tinh"), None)
        if province is not None:
            last = province
            while last + 1 < len(window) and window[last + 1].group()[0].isupper():
                last += 1
            end = match.end() + window[last].end()
            return Mention(position, end, original[position:end], "unknown")
        for index, word in enumerate(window):
            folded = fold(word.group())
            following = fold(words[index + 1].group()) if index + 1 < len(words) else ""
            if index > 0 and (
                folded in NAME_STOPS
                or folded in IMPERATIVES
                or f"{folded} {following}" in IMPERATIVES
            ):
                break
            end = match.end() + word.end()
        if end == 0:
            return None
        return Mention(position, end, original[position:end], "unknown")

    def find_all(self, folded: str, original: str) -> list[Mention]:
        """Every unit named anywhere in the text, left to right, not overlapping."""
        found: list[Mention] = []
        position = 0
        for start in _word_starts(folded):
            if start < position:
                continue
            mention = self.find_at(folded, original, start)
            if mention is not None:
                found.append(mention)
                position = mention.end
        return found


def _word_starts(folded: str) -> Iterable[int]:
    return (m.start() for m in re.finditer(r"(?<!\w)\w", folded))


def _trim(original: str, end: int) -> int:
    while end > 0 and original[end - 1] in " ,;":
        end -= 1
    return end


def _proper_name_end(original: str, start: int) -> int:
    """End of a place name: capitalised words ("Cẩm Xuyên", "Hồng Lĩnh")."""
    end = start
    for match in re.finditer(r"\S+", original[start:]):
        word = match.group()
        if not word[0].isupper():
            break
        end = start + match.start() + len(word.rstrip(",;:.)"))
        if word[-1] in ",;:.)":
            break
    return end


def _spelled(name: str) -> str:
    return re.sub(r"^(?:UBND|ubnd)\b", "Ủy ban nhân dân", re.sub(r"\s+", " ", name))


@lru_cache(maxsize=8)
def catalogue(book_units: tuple[str, ...] = ()) -> Catalogue:
    """The built-in units plus the book's own spellings (the book's names come first, so
    a unit keeps the spelling the book already uses)."""
    seen: set[str] = set()
    names: list[str] = []
    for name in (*book_units, *all_units()):
        key = fold(name)
        if key and key not in seen:
            seen.add(key)
            names.append(name)
    names.sort(key=lambda n: -len(fold(n)))
    alternatives = "|".join(f"({_unit_pattern(n)})" for n in names)
    fields = "|".join(f"({_field_pattern(f)})" for f in DEPARTMENT_FIELDS)
    boundary = r"(?!\w)"
    return Catalogue(
        tuple(names),
        re.compile(rf"(?:{alternatives}){boundary}"),
        re.compile(rf"(?:{fields}){boundary}"),
        re.compile(rf"{_COLLECTIVE}{boundary}"),
        re.compile(_PLACE),
    )


def resolve_book_spelling(name: str, book_units: Iterable[str]) -> str:
    """The book's spelling of ``name`` when the book has it under a close variant
    ("Sở Lao động, Thương binh và Xã hội" for "Sở Lao động - Thương binh và Xã hội")."""
    from rapidfuzz import fuzz, process

    choices = {fold(unit): unit for unit in book_units}
    if not choices:
        return name
    key = re.sub(r"[^\w ]+", " ", fold(name))
    normalised = {re.sub(r"[^\w ]+", " ", k): v for k, v in choices.items()}
    best = process.extractOne(key, list(normalised), scorer=fuzz.token_sort_ratio)
    if best is not None and best[1] >= 95:
        return normalised[best[0]]
    return name
