"""The review of a document's drafts before anything is saved (DESIGN section 12).

Each draft stands beside its source sentence, the recognised unit and deadline
highlighted. The reviewer edits the document's source and date (they apply to every
draft), accepts or drops drafts (space), edits one (e), splits one in two (s), merges
one with the next (m), then confirms (ctrl+s) or cancels (escape). Nothing is written
here: the screen is dismissed with what was accepted, and the caller stores it in one
all-or-nothing batch. Every text shown is plain text (``Text``/``Content``), never
markup: a title may hold "[/]".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from deadline_tui.domain.deadlines import parse_date
from deadline_tui.domain.names import NameMatcher
from deadline_tui.domain.printable import one_line
from deadline_tui.domain.vntext import format_date
from deadline_tui.errors import UserError
from deadline_tui.extract import editing
from deadline_tui.extract.loading import SUFFIXES
from deadline_tui.extract.model import Document, Draft
from deadline_tui.i18n import t
from deadline_tui.reports.detail import rules_text
from deadline_tui.services.document_import import Reviewed, draft_problems
from deadline_tui.services.drafts import CheckedDraft, TaskDraft, check_draft
from deadline_tui.tui.screens.form_base import FormScreen, buttons, field_row
from deadline_tui.tui.screens.task_form import KnownNames, TaskFormScreen

if TYPE_CHECKING:
    from deadline_tui.domain.workdays import WorkCalendar
    from deadline_tui.tui.screens.task_actions import TaskActions

Check = Callable[[TaskDraft], CheckedDraft]


def source_sentence(document: Document, draft: Draft) -> Text:
    """The draft's source text with its lead unit and deadline highlighted."""
    start, end = draft.span
    text = Text(document.text[start:end])
    for span, style in ((draft.lead_span, "bold cyan"), (draft.deadline_span, "bold yellow")):
        if span is not None and start <= span[0] < span[1] <= end:
            text.stylize(style, span[0] - start, span[1] - start)
    return text


class ReviewScreen(Screen[Reviewed | None]):
    """Drafts on the left; the highlighted one's source sentence and fields on the right."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_draft", t("review.key.toggle"), id="review-toggle"),
        Binding("e", "edit_draft", t("review.key.edit"), id="review-edit"),
        Binding("s", "split_draft", t("review.key.split"), id="review-split"),
        Binding("m", "merge_draft", t("review.key.merge"), id="review-merge"),
        Binding("ctrl+s", "confirm", t("review.key.confirm"), id="review-confirm"),
        Binding("escape", "cancel", t("review.key.cancel"), id="review-cancel"),
    ]

    def __init__(self, document: Document, check: Check, names: KnownNames, today: date) -> None:
        super().__init__()
        self.document = document
        self.check = check
        self.names = names
        self.today = today
        self.drafts: list[Draft] = list(document.drafts)
        self.accepted: list[bool] = [True] * len(self.drafts)
        self._as_opened: Reviewed | None = None  # what reviewed() gave before any change

    # -- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        dated = self.document.dated
        with Vertical(id="review"):
            yield Label(
                Content(t("review.heading", path=self.document.path)), classes="dialog-title"
            )
            yield from field_row("source", t("field.source"), self.document.source)
            yield from field_row(
                "assigned",
                t("review.dated"),
                f"{dated.day:02d}/{dated.month:02d}/{dated.year}" if dated else "",
                placeholder=t("review.dated_hint"),
            )
            with Horizontal(id="review-body"):
                yield OptionList(id="review-drafts")
                with VerticalScroll(id="review-detail-box"):
                    yield Static(id="review-detail")
            yield Static(id="review-status")
        yield Footer()

    def on_mount(self) -> None:
        self._refresh_list(0)
        self.query_one("#review-drafts", OptionList).focus()
        self._as_opened = self.reviewed()  # Escape drops more than this only after asking

    # -- state ---------------------------------------------------------------------------

    @property
    def document_date(self) -> date:
        """The document's date as edited (relative deadlines count from it)."""
        try:
            return parse_date(self.query_one("#field-assigned", Input).value)
        except UserError:
            return self.document.dated or self.today

    def _label(self, index: int) -> Content:
        draft = self.drafts[index]
        mark = "✓" if self.accepted[index] else "✗"
        lead = draft.lead_unit or "?"
        flag = " !" if draft.unknown_units or draft.deadline_problem or not draft.lead_unit else ""
        title = one_line(draft.title[:70])
        return Content(f"{mark}{flag} [{draft.section}] {one_line(lead)}: {title}")

    def _refresh_list(self, highlight: int | None) -> None:
        options = self.query_one("#review-drafts", OptionList)
        options.clear_options()
        options.add_options([Option(self._label(i)) for i in range(len(self.drafts))])
        if self.drafts:
            options.highlighted = min(highlight or 0, len(self.drafts) - 1)
            self._show(options.highlighted)
        self._status()

    def _status(self) -> None:
        count = sum(self.accepted)
        self.query_one("#review-status", Static).update(
            Content(t("review.status", accepted=count, total=len(self.drafts)))
        )

    def _current(self) -> int | None:
        index = self.query_one("#review-drafts", OptionList).highlighted
        return index if index is not None and index < len(self.drafts) else None

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show(event.option_index)

    def _show(self, index: int) -> None:
        draft = self.drafts[index]
        detail = source_sentence(self.document, draft)
        detail.append("\n\n" + t("extract_line_lead", unit=draft.lead_unit or "?"), "cyan")
        if draft.support_units:
            detail.append("\n" + t("extract_line_support", units="; ".join(draft.support_units)))
        if draft.deadline_text:
            meaning = format_date(draft.due_on) if draft.due_on else rules_text(draft.rules)
            shown = draft.deadline_text + (f" → {meaning}" if meaning else "")
            detail.append("\n" + t("extract_line_deadline", text=shown), "yellow")
        if draft.deadline_problem:
            detail.append("\n" + draft.deadline_problem, "bold red")
        if draft.unknown_units:
            detail.append(
                "\n" + t("extract_unknown_units", units="; ".join(draft.unknown_units)), "bold red"
            )
        if not draft.lead_unit:
            detail.append("\n" + t("extract_no_lead"), "bold red")
        self.query_one("#review-detail", Static).update(detail)

    # -- actions -------------------------------------------------------------------------

    def action_toggle_draft(self) -> None:
        index = self._current()
        if index is None:
            return
        self.accepted[index] = not self.accepted[index]
        self.query_one("#review-drafts", OptionList).replace_option_prompt_at_index(
            index, self._label(index)
        )
        self._status()

    def action_edit_draft(self) -> None:
        index = self._current()
        if index is None:
            return
        draft = self.drafts[index]
        form = TaskFormScreen(
            t("review.edit_heading", section=draft.section),
            TaskDraft(
                title=draft.title,
                lead_unit=draft.lead_unit or "",
                deadline=draft.deadline_text,
                source=self.query_one("#field-source", Input).value,
                support_units=draft.support_units,
                assigned=self.query_one("#field-assigned", Input).value,
            ),
            self.check,
            self.names,
            self.today,
        )

        def apply(result: TaskDraft | None) -> None:
            if result is None:
                return
            self.drafts[index] = editing.edited(
                draft,
                title=result.title,
                lead_unit=result.lead_unit,
                support_units=result.support_units,
                deadline=result.deadline,
                anchor=self.document_date,
            )
            self._refresh_list(index)

        self.app.push_screen(form, apply)

    def action_split_draft(self) -> None:
        index = self._current()
        if index is None:
            return
        halves = editing.split(self.drafts[index], self.document_date)
        if halves is None:
            self.notify(t("review.cannot_split"), severity="warning", markup=False)
            return
        self.drafts[index : index + 1] = list(halves)
        self.accepted[index : index + 1] = [self.accepted[index]] * 2
        self._refresh_list(index)

    def action_merge_draft(self) -> None:
        index = self._current()
        if index is None or index + 1 >= len(self.drafts):
            return
        merged = editing.merge(self.drafts[index], self.drafts[index + 1])
        self.drafts[index : index + 2] = [merged]
        self.accepted[index : index + 2] = [self.accepted[index] or self.accepted[index + 1]]
        self._refresh_list(index)

    def reviewed(self) -> Reviewed:
        """What would be stored now."""
        return Reviewed(
            self.query_one("#field-source", Input).value.strip(),
            self.query_one("#field-assigned", Input).value.strip(),
            tuple(d for d, keep in zip(self.drafts, self.accepted, strict=True) if keep),
        )

    def action_confirm(self) -> None:
        reviewed = self.reviewed()
        problems = draft_problems(self.check, reviewed)
        if problems:
            draft, message = problems[0]
            index = self.drafts.index(draft)
            self.query_one("#review-drafts", OptionList).highlighted = index
            self.query_one("#review-status", Static).update(
                Content(
                    t(
                        "extract_draft_problem",
                        section=draft.section,
                        title=draft.title[:60],
                        message=message,
                    )
                )
            )
            return
        if not reviewed.drafts:
            self.dismiss(None)
            return
        self.dismiss(reviewed)

    def action_cancel(self) -> None:
        if self.reviewed() == self._as_opened:  # nothing reviewed yet: nothing to lose
            self.dismiss(None)
            return
        from deadline_tui.tui.screens.small_forms import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)

        accepted = sum(self.accepted)
        question = t("review.confirm_cancel", accepted=accepted, total=len(self.drafts))
        self.app.push_screen(ConfirmScreen(question, ""), answered)


class DocumentPathScreen(FormScreen[Path]):
    """Asks for the document to import (``i`` on the main screen)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="form", classes="dialog"):
            yield Label(Content(t("review.path_heading")), classes="dialog-title")
            yield from field_row("path", t("review.path"), placeholder="~/Downloads/thong-bao.docx")
            yield from buttons(t("review.path_open"))

    def on_mount(self) -> None:
        self.revalidate()
        self.query_one("#field-path").focus()

    def _path(self) -> tuple[Path | None, str | None]:
        text = self.value("path").strip()
        if not text:
            return None, t("review.path_missing")
        path = Path(text).expanduser()
        if path.suffix.lower() not in SUFFIXES:
            return None, t("extract_format", path=str(path))
        if not path.is_file():
            return None, t("import_missing", path=str(path))
        return path, None

    def revalidate(self) -> None:
        self.show_problem("path", self._path()[1])

    def result(self) -> Path | None:
        return self._path()[0]


class _ReviewApp(App[Reviewed | None]):
    CSS_PATH = str(Path(__file__).resolve().parents[1] / "app.tcss")

    def __init__(
        self, document: Document, today: date, units: list[str], calendar: WorkCalendar
    ) -> None:
        super().__init__()
        self.document = document
        self.today = today
        self.units = units
        self.calendar = calendar

    def on_mount(self) -> None:
        names = KnownNames(self.units, [], [], [])

        def check(draft: TaskDraft) -> CheckedDraft:
            return check_draft(draft, self.today, self.calendar)

        self.push_screen(ReviewScreen(self.document, check, names, self.today), self.exit)


def review_in_app(
    document: Document, today: date, units: list[str], calendar: WorkCalendar
) -> Reviewed | None:
    """Run the review on its own (``deadline-tui import NOTICE.docx`` in a terminal),
    checking drafts on the configured working-day calendar."""
    return _ReviewApp(document, today, units, calendar).run()


async def import_document(screen: TaskActions) -> None:
    """``i`` on the main screen: choose a file, read it off the event loop, review the
    drafts, then store what was accepted in one batch on the storage thread."""
    import asyncio

    from deadline_tui.extract.document import extract_file
    from deadline_tui.services.document_import import plan_document, store_plan
    from deadline_tui.services.query import distinct, known_units

    app = screen.deadline_app
    path = await app.push_screen_wait(DocumentPathScreen())
    if path is None:
        return
    store = app.store
    today = store.today()

    def names() -> KnownNames:
        tasks = store.view.tasks
        units = known_units(tasks, NameMatcher(app.settings.aliases))
        return KnownNames(units, distinct(tasks, lambda task: task.source), [], [])

    known = await store.call(names)
    try:
        document = await asyncio.to_thread(extract_file, path, book_units=known.units)
    except UserError as error:
        screen.notify(error.message(), severity="error", markup=False, timeout=8)
        return
    reviewed = await app.push_screen_wait(ReviewScreen(document, store.service.check, known, today))
    if reviewed is None:
        screen.notify(t("extract_import_cancelled"), markup=False)
        return

    def write() -> tuple[int, int, list[str]]:
        plan = plan_document(store.service, reviewed)
        stored = store_plan(store.service, plan)  # drops what was stored meanwhile
        return len(plan.prepared), len(stored), plan.problems

    try:
        count, records, problems = await store.call(write)
    except UserError as error:
        screen.notify(error.message(), severity="error", markup=False, timeout=8)
        return
    if problems:
        screen.notify("\n".join(problems[:5]), severity="error", markup=False, timeout=10)
        return
    await screen.requery(reload=True)
    screen.notify(
        t("review.done", count=count, records=records, source=reviewed.source), markup=False
    )
    app.book_changed()
