"""The short dialogs: the completion date (and its correction), a deadline extension, a
yes/no question."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from deadline_tui.domain.deadlines import parse_date, read_deadline
from deadline_tui.domain.printable import printable
from deadline_tui.domain.task import Task
from deadline_tui.domain.vntext import clean, format_date
from deadline_tui.errors import InputError, UserError
from deadline_tui.i18n import t
from deadline_tui.tui.screens.form_base import FormScreen, ResultType, buttons, field_row


class TaskDialog(FormScreen[ResultType]):
    """A dialog about one task: its heading and title on top, then the fields."""

    def __init__(self, task: Task, today: date) -> None:
        super().__init__()
        self.subject = task
        self.today = today

    def heading(self, message_id: str) -> ComposeResult:
        """The dialog's title (naming the task's number) and the task's own title."""
        yield Label(Content(t(message_id, id=self.subject.id)), classes="dialog-title")
        yield Label(Content(printable(self.subject.title)), classes="dialog-subject")


def completion_problem(value: date, task: Task, today: date) -> str | None:
    """Why ``value`` cannot be the task's completion date, or None."""
    if value > today:
        return InputError("done_in_future", done=format_date(value)).message()
    if value < task.assigned_on:
        return InputError(
            "done_before_assigned",
            done=format_date(value),
            assigned=format_date(task.assigned_on),
        ).message()
    return None


class DoneDateScreen(TaskDialog[date]):
    """Asks for the real completion date (default today)."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield from self.heading("done_heading")
            yield from field_row("done", t("field.done_on"), format_date(self.today))
            yield from buttons(t("done_save"))

    def on_mount(self) -> None:
        self.query_one("#field-done").focus()

    def _parsed(self) -> tuple[date | None, str | None]:
        text = self.value("done")
        try:
            value = parse_date(text) if text.strip() else self.today
        except UserError as error:
            return None, error.message()
        problem = completion_problem(value, self.subject, self.today)
        return (None, problem) if problem else (value, None)

    def revalidate(self) -> None:
        self.show_problem("done", self._parsed()[1])

    def result(self) -> date | None:
        return self._parsed()[0]


@dataclass(frozen=True, slots=True)
class Correction:
    """What the correction dialog returns: the right completion date and why."""

    done_on: date
    reason: str


class CorrectDoneScreen(TaskDialog[Correction]):
    """``d`` on a done task: it says the task is done and on which day, and offers the
    explicit correction (new date and a required reason, kept in the history)."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield from self.heading("correct_heading")
            done = format_date(self.subject.done_on)
            yield Label(Content(t("correct_already_done", done=done)))
            yield from field_row("done", t("correct_new_date"), done)
            yield from field_row("reason", t("correct_reason"))
            yield from buttons(t("correct_save"))

    def on_mount(self) -> None:
        self.query_one("#field-done").focus()

    def _parsed(self) -> tuple[date | None, str | None]:
        text = self.value("done")
        try:
            value = parse_date(text)
        except UserError as error:
            return None, error.message()
        problem = completion_problem(value, self.subject, self.today)
        if problem is None and value == self.subject.done_on:
            problem = InputError("correct_same_date", done=format_date(value)).message()
        return (None, problem) if problem else (value, None)

    def revalidate(self) -> None:
        self.show_problem("done", self._parsed()[1])
        reason = clean(self.value("reason"))
        # The service's message names the CLI's --reason: here the field is named.
        self.show_problem(
            "reason", None if reason else t("correct_reason_missing", field=t("correct_reason"))
        )

    def result(self) -> Correction | None:
        done_on, _ = self._parsed()
        reason = clean(self.value("reason"))
        if done_on is None or not reason:
            return None
        return Correction(done_on, reason)


@dataclass(frozen=True, slots=True)
class ExtensionRequest:
    """What the extension dialog returns."""

    new_due: date
    reason: str
    document: str


class ExtendScreen(TaskDialog[ExtensionRequest]):
    """Asks for a new deadline (a date or a phrase) and the required reason."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield from self.heading("extend_heading")
            yield Label(Content(t("extend_current", due=format_date(self.subject.due_on) or "–")))
            yield from field_row(
                "new_due", t("extend_new_due"), placeholder=t("form_deadline_hint")
            )
            yield from field_row("reason", t("extend_reason"))
            yield from field_row("document", t("extend_document"))
            yield from buttons(t("extend_save"))

    def on_mount(self) -> None:
        self.query_one("#field-new_due").focus()

    def _new_due(self) -> tuple[date | None, str | None]:
        text = self.value("new_due")
        if not text.strip():
            return None, t("extend_new_due_required")
        try:
            value = (
                parse_date(text)
                if text.strip()[:1].isdigit()
                else read_deadline(text, self.today).due_on
            )
        except UserError as error:
            return None, error.message()
        if value is None:
            return None, t("extend_new_due_required")
        if self.subject.due_on is not None and value <= self.subject.due_on:
            return None, InputError(
                "extend_not_later", new=format_date(value), old=format_date(self.subject.due_on)
            ).message()
        return value, None

    def revalidate(self) -> None:
        self.show_problem("new_due", self._new_due()[1])
        reason_problem = (
            None if clean(self.value("reason")) else InputError("extend_reason_required").message()
        )
        self.show_problem("reason", reason_problem)
        self.show_problem("document", None)

    def result(self) -> ExtensionRequest | None:
        new_due, _ = self._new_due()
        reason = clean(self.value("reason"))
        if new_due is None or not reason:
            return None
        return ExtensionRequest(new_due, reason, clean(self.value("document")))


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question; Enter or "y" confirms, Escape or "n" declines."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", t("confirm_yes")),
        Binding("n,escape", "answer(False)", t("confirm_no")),
    ]

    def __init__(self, question: str, subject: str) -> None:
        super().__init__()
        self.question = question
        self.subject = subject

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Content(self.question), classes="dialog-title")
            if self.subject:
                yield Label(Content(printable(self.subject)), classes="dialog-subject")
            with Horizontal(classes="form-buttons"):
                yield Button(Content(t("confirm_yes")), variant="error", id="yes", compact=True)
                yield Button(Content(t("confirm_no")), id="no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#no").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
