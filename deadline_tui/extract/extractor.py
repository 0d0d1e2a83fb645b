"""Paragraphs to draft tasks, by the rules of how directives are written.

- A unit named at the head of an item, alone or after "giao", "yêu cầu", "đề nghị",
  "đối với", is the item's lead; the units listed with it, and those after "phối hợp
  (với)", are its partners. "Sở X đã …" reports the past and is no task.
- An item that ends with ":" hands its unit on to the items below it (a lead-in); a
  numbered line with no unit and no closing punctuation is a chapter heading, and its
  items have no lead unless they name one.
- An item with no lead is a task only when it opens with an imperative verb and is a
  list item; a plain paragraph without a unit is narrative.
- A sentence or ";"-clause that opens with a new unit starts a new task; so does a
  second deadline in one item (one task, one deadline).
- Deadlines are read from the task's own text only (:mod:`timing`); a heading's
  horizon is never copied onto its items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import pairwise

from deadline_tui.domain.vntext import fold, format_date
from deadline_tui.extract import timing
from deadline_tui.extract.cleanup import Paragraph
from deadline_tui.extract.model import Draft
from deadline_tui.extract.segment import (
    LETTER,
    PART,
    PLAIN,
    ROMAN,
    Item,
    clause_starts,
    is_shouted,
    item_of,
)
from deadline_tui.extract.units import Catalogue, Mention, fold_aligned
from deadline_tui.extract.vocabulary import IMPERATIVES
from deadline_tui.i18n import t

# The issuer speaks of itself and its leaders; they never take their own tasks.
_UBND = r"(?:ubnd|ủy ban nhân dân|uỷ ban nhân dân)"
_ISSUER_NAME = (
    rf"(?:(?:đồng chí\s+)?(?:phó\s+)?chủ tịch\s+{_UBND}\s+tỉnh|{_UBND}\s+tỉnh"
    rf"|lãnh đạo\s+{_UBND}\s+tỉnh)"
)
_ISSUER = re.compile(rf"{_ISSUER_NAME}\s*,?\s*", re.IGNORECASE)
_ISSUER_END = re.compile(rf"{_ISSUER_NAME}$", re.IGNORECASE)
_TRIGGER = re.compile(r"(?:giao(?:\s+cho)?|yêu cầu|đề nghị|đối với|về phía)\s*:?\s*", re.IGNORECASE)
_MID_TRIGGER = re.compile(r"(?<!\w)(?:yêu cầu|đề nghị|giao(?:\s+cho)?)\s+", re.IGNORECASE)
_CHAIN_SEP = re.compile(r"\s*(?:[,;]\s*(?:và\s+|cùng\s+)?|\s+và\s+|\s+cùng(?:\s+với)?\s+)\s*")
_LEADS_AS = re.compile(
    r"\s*(?:,\s*)?(?:chủ trì|là cơ quan chủ trì|làm đầu mối)\s*(?:,\s*)?", re.IGNORECASE
)
_PARTNERS = re.compile(r"(?:,\s*)?(?:phối hợp|cùng phối hợp)(?:\s+với|\s+cùng)?\s+", re.IGNORECASE)
_DUTY = re.compile(
    r"\s*(?:,\s*)?(?:theo chức năng,?\s*nhiệm vụ(?:\s+được giao)?(?:\s+của mình)?|mỗi đơn vị)\s*",
    re.IGNORECASE,
)
_HEAD_OF_UNIT = re.compile(
    r"(?:giám đốc|phó giám đốc|thủ trưởng|chủ tịch|trưởng ban|chánh thanh tra|chỉ huy trưởng)\s+",
    re.IGNORECASE,
)
_ELLIPSIS_HEAD = re.compile(r"các\s+sở\s*:\s*", re.IGNORECASE)
_PAST = re.compile(r"^(?:đã|đang|vừa|là|được|chưa|cơ bản|bước đầu)(?!\w)", re.IGNORECASE)
_NOT_A_TASK = re.compile(
    r"^(?:chủ trì|tham dự|dự)\s+(?:hội nghị|cuộc họp|buổi làm việc|họp)"
    # the closing formula: "Văn phòng UBND tỉnh thông báo để các sở … biết, thực hiện"
    r"|^(?:thông báo|sao gửi|gửi)\s+(?:để|đến|cho)\b"
    # a document already numbered was issued: "Ban hành Kế hoạch số 01/KH-UBND …" reports
    r"|^(?:đã\s+)?ban hành\s+(?:\S+\s+){1,4}số\s+\d",
    re.IGNORECASE,
)
_MAX_IMPERATIVE_WORDS = 4
_PLAIN_LEAD_IN = LETTER - 1


@dataclass
class Lead:
    """Who an item is addressed to: the lead and the partners, as found in the text."""

    lead: Mention | None
    partners: list[Mention] = field(default_factory=list)


@dataclass
class Subject:
    """An item's own unit clause: the lead, the partners, where the task text begins."""

    lead: Lead
    title_start: int
    past: bool


@dataclass
class Reader:
    """Reads one document's paragraphs with a unit catalogue and a date anchor (the
    document's own date; None when it has none)."""

    catalogue: Catalogue
    anchor: date | None
    not_before: date | None = None
    """No deadline falls before the document itself: an earlier date is history
    ("cấp trước ngày 18/12/1980"), not a limit."""
    cited: date | None = None
    """For a document without a date of its own, the latest date it cites: a deadline
    before it may be history, so it is kept and flagged for review, never dropped."""

    # --- units -------------------------------------------------------------------------

    def chain(self, text: str, folded: str, position: int) -> tuple[list[Mention], int]:
        """Units listed from ``position`` ("Sở A, Sở B và các đơn vị liên quan")."""
        found: list[Mention] = []
        elliptic = False
        while True:
            head = _ELLIPSIS_HEAD.match(text, position)
            if head is not None:
                elliptic, position = True, head.end()
            mention = self.catalogue.find_at(folded, text, position)
            if mention is None:
                # "Giám đốc Sở Y tế", "Chủ tịch UBND huyện Can Lộc": the unit is addressed
                # through its head; the task is the unit's.
                head = _HEAD_OF_UNIT.match(text, position)
                if head is not None:
                    mention = self.catalogue.find_at(folded, text, head.end())
            if mention is None and elliptic:
                mention = self.catalogue.field_at(folded, position)
            if mention is None:
                mention = self.catalogue.unknown_at(text, position)
            if mention is None:
                break
            found.append(mention)
            position = mention.end
            separator = _CHAIN_SEP.match(text, position)
            if separator is None:
                break
            next_position = separator.end()
            if not (
                _ELLIPSIS_HEAD.match(text, next_position)
                or self.catalogue.find_at(folded, text, next_position)
                or _HEAD_OF_UNIT.match(text, next_position)
                or self.catalogue.unknown_at(text, next_position)
                or (elliptic and self.catalogue.field_at(folded, next_position))
            ):
                break
            position = next_position
        return found, position

    def subject(self, text: str, folded: str) -> Subject | None:
        """The unit clause at the head of ``text``, if it names one."""
        position = 0
        issuer = _ISSUER.match(text)
        if issuer is not None and _TRIGGER.match(text, issuer.end()):
            position = issuer.end()
        trigger = _TRIGGER.match(text, position)
        if trigger is not None:
            position = trigger.end()
        units, position = self.chain(text, folded, position)
        units = [u for u in units if fold(u.name) != "uy ban nhan dan tinh"]
        if not units:
            units, position = self._addressed_mid_sentence(text, folded)
        if not units:
            return None
        lead = Lead(units[0], units[1:])
        leads_as = _LEADS_AS.match(text, position)
        if leads_as is not None:
            position = leads_as.end()
        partners = _PARTNERS.match(text, position)
        if partners is not None:
            more, position = self.chain(text, folded, partners.end())
            lead.partners += more
        duty = _DUTY.match(text, position)
        if duty is not None:
            position = duty.end()
        rest = text[position:].lstrip(" ,")
        if rest.startswith(":"):
            rest = rest[1:]
        title_start = len(text) - len(rest.lstrip())
        past = bool(_PAST.match(rest.lstrip()) or _NOT_A_TASK.match(rest.lstrip()))
        return Subject(lead, title_start, past)

    def _addressed_mid_sentence(self, text: str, folded: str) -> tuple[list[Mention], int]:
        """ "Để chủ động …, yêu cầu các sở, ngành …", "Chủ tịch UBND tỉnh giao Sở X …": a
        unit addressed after a clause or after the issuer, in the first sentence."""
        first_sentence = re.split(r"[.!?]\s", text, maxsplit=1)[0]
        for match in _MID_TRIGGER.finditer(first_sentence):
            before = text[: match.start()].rstrip()
            if before and not before.endswith((",", ";", ":")) and not _ISSUER_END.search(before):
                continue
            units, position = self.chain(text, folded, match.end())
            units = [u for u in units if fold(u.name) != "uy ban nhan dan tinh"]
            if units:
                return units, position
        return [], 0

    def partners_in(self, text: str, folded: str) -> list[Mention]:
        """Units after "phối hợp (với)" anywhere in the task text."""
        found: list[Mention] = []
        for match in _PARTNERS.finditer(text):
            units, _ = self.chain(text, folded, match.end())
            found += units
        return found

    # --- drafts ------------------------------------------------------------------------

    def drafts(self, paragraphs: list[Paragraph]) -> list[Draft]:
        """Every task the paragraphs assign, in document order."""
        stack: list[tuple[int, str, Lead | None]] = []
        drafts: list[Draft] = []
        part = ""
        bullets: dict[str, int] = {}
        for paragraph in paragraphs:
            item = item_of(paragraph)
            body = item.body
            if not body.text:
                continue
            if item.level in (PART, ROMAN) or (item.kind == "plain" and is_shouted(body.text)):
                stack.clear()
                if item.level == PART:
                    part = item.label
                continue
            ends_open = body.text.rstrip().endswith(":")
            # A plain lead-in ("…, yêu cầu các sở thực hiện các nội dung sau:") governs the
            # list items below it, like a heading just above them.
            level = _PLAIN_LEAD_IN if item.level == PLAIN and ends_open else item.level
            while stack and stack[-1][0] >= level and level != PLAIN:
                stack.pop()
            folded = fold_aligned(body.text)
            own = self.subject(body.text, folded)
            inherited = next((lead for _, _, lead in reversed(stack)), None)
            heading_label = next((label for _, label, _ in reversed(stack) if label), "")
            section = self._section(part, item, heading_label, bullets)
            if ends_open:
                stack.append((level, section, own.lead if own else None))
                continue
            if (
                item.kind in ("number", "letter")
                and own is None
                and not body.text.endswith((".", ";", "!"))
            ):
                stack.append((item.level, section, None))  # a chapter heading
                continue
            drafts += self._tasks(item, own, inherited, section)
        return drafts

    @staticmethod
    def _section(part: str, item: Item, heading: str, bullets: dict[str, int]) -> str:
        prefix = f"{part}." if part else ""
        if item.kind == "plain":
            return heading
        if item.kind in ("number", "letter"):
            label = item.label if item.kind == "number" else f"{heading}{item.label}"
            return f"{prefix}{label}" if not label.startswith(prefix) or not prefix else label
        bullets[heading] = bullets.get(heading, 0) + 1
        base = heading or f"{prefix}"
        return f"{base}-b{bullets[heading]}"

    def _tasks(
        self,
        item: Item,
        own: Subject | None,
        inherited: Lead | None,
        section: str,
    ) -> list[Draft]:
        body = item.body
        folded = fold_aligned(body.text)
        if own is None:
            if _NOT_A_TASK.match(body.text):
                return []
            if inherited is None and not (item.is_list_item and _imperative(body.text)):
                return []
            if inherited is not None and item.kind == "plain" and not _imperative(body.text):
                return []
        pieces = self._split_by_subject(body, folded, own)
        if own is not None and own.past:
            # "Sở X đã hoàn thành …" reports the past; a later clause may still assign
            pieces = pieces[1:]
        drafts: list[Draft] = []
        for index, (piece, subject) in enumerate(pieces):
            lead = subject.lead if subject is not None else inherited
            start = subject.title_start if subject is not None else 0
            suffix = "" if len(pieces) == 1 else "-" + "abcdefghij"[min(index, 9)]
            drafts += self._by_deadline(piece, start, lead, section + suffix)
        # a unit's name alone (a table cell, a signature line) assigns nothing
        return [d for d in drafts if len(d.title.split()) >= 2]

    def _split_by_subject(
        self, body: Paragraph, folded: str, own: Subject | None
    ) -> list[tuple[Paragraph, Subject | None]]:
        begin = own.title_start if own is not None else 0
        # A clause inside a list of partners ("phối hợp với các sở; UBND các huyện …")
        # names partners, not a new lead.
        partner_lists = [
            (match.start(), self.chain(body.text, folded, match.end())[1])
            for match in _PARTNERS.finditer(body.text)
        ]
        cuts: list[tuple[int, Subject]] = []
        for start in clause_starts(body.text):
            if start <= begin or any(low < start <= high for low, high in partner_lists):
                continue
            subject = self.subject(body.text[start:], folded[start:])
            lead = subject.lead.lead if subject is not None else None
            if subject is not None and not subject.past and lead and lead.kind != "unknown":
                cuts.append((start, subject))
        if not cuts:
            return [(body, own)]
        pieces: list[tuple[Paragraph, Subject | None]] = []
        bounds = [0] + [start for start, _ in cuts] + [len(body.text)]
        subjects = [own] + [subject for _, subject in cuts]
        for (low, high), subject in zip(pairwise(bounds), subjects, strict=True):
            pieces.append((body.slice(low, high).strip(), subject))
        return pieces

    def _by_deadline(
        self, piece: Paragraph, title_start: int, lead: Lead | None, section: str
    ) -> list[Draft]:
        """One draft per distinct deadline: "…, báo cáo năm gửi trước ngày 10/12" is a
        second task of its own."""
        text = piece.text
        distinct: list[timing.Found] = []
        for found in timing.find_deadlines(text, self.anchor):
            if self.not_before is not None and found.due_on and found.due_on < self.not_before:
                continue  # history ("cấp trước ngày 18/12/1980"), not a limit
            item = self._flag_before_cited(found)
            key = (item.due_on, item.recurring)
            if not distinct or key != (distinct[-1].due_on, distinct[-1].recurring):
                distinct.append(item)
        if len(distinct) <= 1:
            deadline = distinct[0] if distinct else self._implicit_deadline(text, title_start)
            return [self._draft(piece, title_start, lead, section, deadline)]
        drafts: list[Draft] = []
        low = 0
        for index, deadline in enumerate(distinct):
            last = index + 1 == len(distinct)
            cut = (
                len(text)
                if last
                else _clause_end_after(text, deadline.end, distinct[index + 1].start)
            )
            part = piece.slice(low, cut).strip()
            offset = text.index(part.text, low)
            shifted = replace(deadline, start=deadline.start - offset, end=deadline.end - offset)
            start = max(title_start - offset, 0) if index == 0 else 0
            label = f"{section}{'abcdefghij'[min(index, 9)]}"
            drafts.append(self._draft(part, start, lead, label, shifted))
            low = cut
        return drafts

    def _flag_before_cited(self, found: timing.Found) -> timing.Found:
        """In a document without a date of its own, a deadline before a date it cites may
        be history: kept, with a problem for the review."""
        if self.cited is None or found.due_on is None or found.due_on >= self.cited:
            return found
        return replace(found, problem=t("extract_before_cited", date=format_date(self.cited)))

    def _implicit_deadline(self, text: str, title_start: int) -> timing.Found | None:
        found = timing.frequency_deadline(text, self.anchor)
        if found is not None:
            return found
        always = timing.always(text[title_start:])
        if always is None:
            return None
        return replace(always, start=always.start + title_start, end=always.end + title_start)

    def _draft(
        self,
        piece: Paragraph,
        title_start: int,
        lead: Lead | None,
        section: str,
        deadline: timing.Found | None,
    ) -> Draft:
        text = piece.text
        folded = fold_aligned(text)
        partners = list(lead.partners) if lead else []
        for mention in self.partners_in(text[title_start:], folded[title_start:]):
            if all(fold(mention.name) != fold(p.name) for p in partners):
                partners.append(mention)
        lead_mention = lead.lead if lead else None
        lead_span = None
        if lead_mention is not None and lead_mention.end <= title_start:
            lead_span = piece.span(lead_mention.start, lead_mention.end)
        return Draft(
            section=section,
            title=_title(text[title_start:]),
            text=text,
            span=(piece.start, piece.end),
            lead_unit=_capitalised(lead_mention.name) if lead_mention else None,
            support_units=tuple(p.name for p in partners),
            collective=bool(lead_mention and lead_mention.collective),
            deadline_text=deadline.text if deadline else "",
            due_on=deadline.due_on if deadline else None,
            rules=deadline.rules if deadline else (),
            deadline_span=piece.span(deadline.start, deadline.end) if deadline else None,
            deadline_problem=deadline.problem if deadline else "",
            lead_span=lead_span,
            unknown_units=tuple(
                m.name for m in [lead_mention, *partners] if m is not None and m.kind == "unknown"
            ),
        )


def _clause_end_after(text: str, after: int, before: int) -> int:
    """Where the clause holding the first deadline ends, before the second one."""
    for match in re.finditer(r"[,;.]\s", text[after:before]):
        return after + match.start() + 1
    return after


def _imperative(text: str) -> bool:
    words = fold(text).replace(",", " ").split()
    return any(
        " ".join(words[:count]) in IMPERATIVES for count in range(1, _MAX_IMPERATIVE_WORDS + 1)
    )


def _title(text: str) -> str:
    title = text.strip().removesuffix("./.").rstrip(" .;:,")
    return title[:1].upper() + title[1:]


def _capitalised(name: str) -> str:
    return name[:1].upper() + name[1:]


def read_paragraphs(
    paragraphs: list[Paragraph],
    catalogue: Catalogue,
    anchor: date | None,
    not_before: date | None = None,
    cited: date | None = None,
) -> list[Draft]:
    """Draft tasks from the body's paragraphs (see the module's rules and
    :class:`Reader`'s fields)."""
    return Reader(catalogue, anchor, not_before, cited).drafts(paragraphs)
