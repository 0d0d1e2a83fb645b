"""What a document's header says about it: its number, its kind and its date.

An administrative document opens with the issuing body, "Số: 80/TB-UBND", the place
and date ("Hà Tĩnh, ngày 12 tháng 7 năm 2021") and its kind in capitals ("THÔNG BÁO").
Only the first lines are read: a date further down belongs to the text, not the header.
"""

from __future__ import annotations

import re
from datetime import date

from deadline_tui.domain.deadlines import parse_date
from deadline_tui.errors import UserError

_HEADER_CHARS = 2500
_NUMBER = re.compile(r"(?<!\w)Số\s*:?\s*(\d+[\w.]*/(?:\d{4}/)?[A-ZĐ][\wĐđ.-]*)")
_PLACE_DATE = re.compile(r",\s*(ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})", re.IGNORECASE)
_KINDS = {
    "TB": "Thông báo",
    "CTr": "Chương trình",
    "KH": "Kế hoạch",
    "CT": "Chỉ thị",
    "QĐ": "Quyết định",
    "BC": "Báo cáo",
    "CV": "Công văn",
}
_KIND_WORDS = (
    "THÔNG BÁO",
    "CHƯƠNG TRÌNH",
    "KẾ HOẠCH",
    "CHỈ THỊ",
    "QUYẾT ĐỊNH",
    "BÁO CÁO",
)


def document_number(text: str) -> str:
    """ "80/TB-UBND" from "Số: 80/TB-UBND", or ""."""
    match = _NUMBER.search(text[:_HEADER_CHARS])
    return match.group(1).rstrip(".") if match else ""


def document_date(text: str) -> date | None:
    """The date of the header's "…, ngày 12 tháng 7 năm 2021", or None."""
    match = _PLACE_DATE.search(text[:_HEADER_CHARS])
    if match is None:
        return None
    try:
        return parse_date(match.group(1))
    except UserError:
        return None


def document_kind(text: str, number: str) -> str:
    """ "Thông báo", "Chương trình", … from the number's symbol or the capitalised title."""
    symbol = number.rsplit("/", 1)[-1].split("-", 1)[0] if number else ""
    if symbol in _KINDS:
        return _KINDS[symbol]
    for line in text[:_HEADER_CHARS].splitlines():
        stripped = line.strip(" *")
        if stripped in _KIND_WORDS:
            return stripped.capitalize()
    return ""


_CITED = re.compile(
    r"(?<!\w)số\s+\d+[\w./-]*\s+ngày\s+(\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})",
    re.IGNORECASE,
)


def latest_cited_date(text: str) -> date | None:
    """The latest date of a document the text cites ("Nghị quyết số 01/NQ-CP ngày
    01/01/2021"): the document itself cannot be older."""
    latest: date | None = None
    for match in _CITED.finditer(text):
        value = match.group(1)
        if "tháng" in value:
            value = "ngày " + value
        try:
            cited = parse_date(value)
        except UserError:
            continue
        latest = cited if latest is None or cited > latest else latest
    return latest
