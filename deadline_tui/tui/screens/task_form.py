"""New / edit task: every field checked as the user types; the deadline's date shown
before saving; unit, document and person names complete from the book."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label, Static

from deadline_tui.domain.deadlines import Deadline
from deadline_tui.domain.vntext import format_date
from deadline_tui.domain.workdays import DayOff
from deadline_tui.i18n import t
from deadline_tui.reports.detail import recurrence_text
from deadline_tui.services.drafts import FIELDS, CheckedDraft, TaskDraft, split_units
from deadline_tui.tui.screens.form_base import FormScreen, buttons, field_row
from deadline_tui.tui.widgets.suggest import FoldingSuggester


@dataclass(frozen=True, slots=True)
class KnownNames:
    """Names the form completes from, in Vietnamese order."""

    units: list[str]
    sources: list[str]
    leaders: list[str]
    followers: list[str]


def deadline_preview(deadline: Deadline, today: date) -> str:
    """What a phrase means, in words: "→ 31/01/2021 (còn 12 ngày)"."""
    if deadline.due_on is None:
        return t("preview_no_deadline")
    days = (deadline.due_on - today).days
    when = (
        t("days_left", days=days)
        if days > 0
        else t("due_today")
        if days == 0
        else t("days_overdue", days=-days)
    )
    if deadline.recurrence is not None:
        every = recurrence_text(deadline.recurrence)
        return t("preview_recurring", every=every, first=format_date(deadline.due_on), when=when)
    text = t("preview_date", date=format_date(deadline.due_on), when=when)
    return text + skipped_days_text(deadline.skipped) if deadline.skipped else text


def skipped_days_text(skipped: tuple[DayOff, ...]) -> str:
    """ "; bỏ qua 4 ngày cuối tuần, Tết Nguyên đán 04/02–10/02/2027": the days off a
    working-day deadline stepped over (as the calendar that counted them says), holidays
    by name."""
    from deadline_tui.domain.workdays import OffKind, day_off_text, describe_skipped

    parts: list[str] = []
    weekend_days = 0
    for off, last in describe_skipped(skipped):
        first = off.day
        if off.kind in (OffKind.SATURDAY, OffKind.SUNDAY):
            weekend_days += (last - first).days + 1
            continue
        name = day_off_text(off)
        if first == last:
            parts.append(f"{name} {format_date(first)}")
        else:
            parts.append(f"{name} {first:%d/%m}–{format_date(last)}")
    if weekend_days:
        parts.insert(0, t("preview_weekend_days", count=weekend_days))
    return t("preview_skipped", days=", ".join(parts))


def field_texts(draft: TaskDraft) -> dict[str, str]:
    """The draft's fields as the form's inputs show them, by field name."""
    return {
        name: "; ".join(draft.support_units) if name == "support_units" else getattr(draft, name)
        for name in FIELDS
    }


# The label of each of the form's fields (by TaskDraft field name).
FIELD_LABELS = {
    "title": "field.title",
    "lead_unit": "field.lead_unit",
    "support_units": "field.support_units",
    "source": "field.source",
    "leader": "field.leader",
    "follower": "field.follower",
    "assigned": "field.assigned_on",
    "deadline": "field.deadline",
    "done": "field.done_on",
    "result": "field.result",
    "note": "field.note",
}

_NAME_FIELDS = ("lead_unit", "support_units", "source", "leader", "follower")


class TaskFormScreen(FormScreen[TaskDraft]):
    """Returns the draft to save, or None when cancelled."""

    # Focused as soon as the form is on screen (not one message later, as focus() in
    # on_mount would): a Tab typed right after "n" moves on from the title.
    AUTO_FOCUS = "#field-title"

    def __init__(
        self,
        heading: str,
        draft: TaskDraft,
        check: Callable[[TaskDraft], CheckedDraft],
        names: KnownNames | None,
        today: date,
        *,
        notice: str = "",
        stored: TaskDraft | None = None,
        extended: tuple[str, date] | None = None,
    ) -> None:
        """``notice``: a message shown under the heading. ``stored``: the task as it is
        stored, when the form opens on other values (an edit refused as a conflict, typed
        again): Escape asks before throwing the difference away. ``extended``: the task's
        deadline phrase and the date it was extended to, which stays while the phrase
        does (services.tasks edit): the preview shows that date, not the phrase's."""
        super().__init__()
        self.heading = heading
        self.draft = draft
        self.check = check
        self.names = names or KnownNames([], [], [], [])
        self.today = today
        self.notice = notice
        self.stored = stored
        self.extended = extended
        self.checked: CheckedDraft | None = None

    def compose(self) -> ComposeResult:
        draft = self.draft
        with Vertical(id="form", classes="dialog"):
            yield Label(Content(self.heading), classes="dialog-title")
            if self.notice:
                yield Static(Content(self.notice), id="form-notice")
            yield from field_row("title", t("field.title"), draft.title)
            yield from field_row(
                "lead_unit",
                t("field.lead_unit"),
                draft.lead_unit,
                suggester=FoldingSuggester(self.names.units),
            )
            yield from field_row(
                "support_units",
                t("field.support_units"),
                "; ".join(draft.support_units),
                placeholder=t("form_support_hint"),
                suggester=FoldingSuggester(self.names.units, last_part_after=";"),
            )
            yield from field_row(
                "source",
                t("field.source"),
                draft.source,
                suggester=FoldingSuggester(self.names.sources),
            )
            yield from field_row(
                "leader",
                t("field.leader"),
                draft.leader,
                suggester=FoldingSuggester(self.names.leaders),
            )
            yield from field_row(
                "follower",
                t("field.follower"),
                draft.follower,
                suggester=FoldingSuggester(self.names.followers),
            )
            yield from field_row(
                "assigned",
                t("field.assigned_on"),
                draft.assigned,
                placeholder=format_date(self.today),
            )
            yield from field_row(
                "deadline", t("field.deadline"), draft.deadline, placeholder=t("form_deadline_hint")
            )
            yield Static("", id="deadline-preview")
            yield from field_row(
                "done", t("field.done_on"), draft.done, placeholder=t("form_done_hint")
            )
            yield from field_row("result", t("field.result"), draft.result)
            yield from field_row("note", t("field.note"), draft.note)
            yield from buttons(t("form_save"))

    def on_mount(self) -> None:
        self.set_names(self.names)  # (names given between composing and mounting)
        self.revalidate()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self.stored is None:
            return  # (the base class saves)
        # A form opened again on an edit that was refused: it says what changed elsewhere,
        # so Enter (an Enter typed ahead, Enter twice to open and save an edit) moves on
        # instead of saving it unread; Ctrl+S saves.
        event.prevent_default()  # (not the base class's handler)
        event.stop()
        self.focus_next()

    def unchanged_values(self) -> dict[str, str]:
        if self.stored is None:
            return super().unchanged_values()
        return {f"field-{name}": text for name, text in field_texts(self.stored).items()}

    def set_names(self, names: KnownNames) -> None:
        """The book's names to complete from (they arrive after the form opens: before
        its fields are made, which then take them, or after, which are given them)."""
        self.names = names
        for field, known in zip(
            _NAME_FIELDS,
            (names.units, names.units, names.sources, names.leaders, names.followers),
            strict=True,
        ):
            for made in self.query(f"#field-{field}").results(Input):
                if isinstance(made.suggester, FoldingSuggester):
                    made.suggester.set_names(known)

    def current_draft(self) -> TaskDraft:
        """The draft as the fields read now."""
        return TaskDraft(
            title=self.value("title"),
            lead_unit=self.value("lead_unit"),
            deadline=self.value("deadline"),
            source=self.value("source"),
            support_units=split_units(self.value("support_units")),
            leader=self.value("leader"),
            follower=self.value("follower"),
            assigned=self.value("assigned"),
            done=self.value("done"),
            result=self.value("result"),
            note=self.value("note"),
        )

    def revalidate(self) -> None:
        checked = self.checked = self.check(self.current_draft())
        for name in ("title", "lead_unit", "assigned", "deadline", "done"):
            problem = checked.problem(name)
            self.show_problem(name, problem.error.message() if problem else None)
        preview = self.query_one("#deadline-preview", Static)
        if checked.problem("deadline") is not None:
            preview.update("")
        elif checked.deadline is not None:
            deadline = checked.deadline
            if self.extended and deadline.text == self.extended[0]:
                deadline = deadline._replace(due_on=self.extended[1], skipped=())
                text = deadline_preview(deadline, self.today) + t("preview_extended")
            else:
                text = deadline_preview(deadline, self.today)
            preview.update(Content(text))
        else:  # left empty: say what that means before it is saved
            preview.update(Content(t("preview_no_deadline")))

    def question_before_saving(self) -> str | None:
        # An empty deadline is a real choice ("thường xuyên"), never an oversight saved silently.
        return None if self.value("deadline").strip() else t("confirm_no_deadline")

    def result(self) -> TaskDraft | None:
        return self.checked.draft if self.checked is not None and self.checked.ok else None
