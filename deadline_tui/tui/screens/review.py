"""The review of a document's drafts before anything is saved (DESIGN section 12).

Each draft stands beside its source sentence, the recognised unit and deadline
highlighted. Space accepts or drops a draft; Enter confirms the accepted drafts, Escape
cancels. Nothing is written here: the screen is dismissed with the accepted drafts and
the caller stores them in one all-or-nothing batch.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from deadline_tui.extract.model import Document, Draft

Reviewed = tuple[Document, tuple[Draft, ...]]


def source_sentence(document: Document, draft: Draft) -> Text:
    """The draft's source text with its lead unit and deadline highlighted (plain text,
    never markup: a title may hold "[/]")."""
    start, end = draft.span
    text = Text(document.text[start:end])
    for span, style in ((draft.lead_span, "bold cyan"), (draft.deadline_span, "bold yellow")):
        if span is not None and start <= span[0] < span[1] <= end:
            text.stylize(style, span[0] - start, span[1] - start)
    return text


class ReviewScreen(Screen[Reviewed | None]):
    """Drafts on the left, the selected one's source and fields on the right."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_draft", "Nhận/bỏ", id="review-toggle"),
        Binding("enter", "confirm", "Ghi các đầu việc đã nhận", id="review-confirm"),
        Binding("escape", "cancel", "Hủy", id="review-cancel"),
    ]

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document
        self.accepted = [True] * len(document.drafts)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text(self.document.source or self.document.path), id="review-source")
        with Horizontal():
            yield OptionList(*self._options(), id="review-drafts")
            yield Static(id="review-detail")
        yield Footer()

    def _label(self, index: int) -> Text:
        draft = self.document.drafts[index]
        mark = "✓" if self.accepted[index] else "✗"
        lead = draft.lead_unit or "?"
        return Text(f"{mark} [{draft.section}] {lead}: {draft.title[:60]}")

    def _options(self) -> list[Option]:
        return [Option(self._label(i)) for i in range(len(self.document.drafts))]

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = 0
        self._show(0)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show(event.option_index)

    def _show(self, index: int) -> None:
        if not self.document.drafts:
            return
        draft = self.document.drafts[index]
        detail = Text()
        detail.append_text(source_sentence(self.document, draft))
        detail.append("\n\nChủ trì: " + (draft.lead_unit or "?"))
        if draft.support_units:
            detail.append("\nPhối hợp: " + "; ".join(draft.support_units))
        if draft.deadline_text:
            detail.append("\nThời hạn: " + draft.deadline_text)
        if draft.unknown_units:
            detail.append("\nChưa có trong danh mục: " + "; ".join(draft.unknown_units), "bold red")
        self.query_one("#review-detail", Static).update(detail)

    def action_toggle_draft(self) -> None:
        options = self.query_one(OptionList)
        index = options.highlighted
        if index is None:
            return
        self.accepted[index] = not self.accepted[index]
        options.replace_option_prompt_at_index(index, self._label(index))

    def action_confirm(self) -> None:
        chosen = tuple(
            d for d, keep in zip(self.document.drafts, self.accepted, strict=True) if keep
        )
        self.dismiss((self.document, chosen))

    def action_cancel(self) -> None:
        self.dismiss(None)


class _ReviewApp(App[Reviewed | None]):
    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document

    def on_mount(self) -> None:
        self.push_screen(ReviewScreen(self.document), self.exit)


def review_in_app(document: Document) -> Reviewed | None:
    """Run the review on its own (``deadline-tui import NOTICE.docx``)."""
    return _ReviewApp(document).run()
