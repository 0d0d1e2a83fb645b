"""What the dialogs share: labelled compact fields, a problem line under each, and
save/cancel keys. Problems show once a field was touched or a save was attempted."""

from __future__ import annotations

from typing import ClassVar, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.events import Mount
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Button, Input, Label, Static

from deadline_tui.i18n import t

ResultType = TypeVar("ResultType")


def field_row(
    name: str,
    label: str,
    value: str = "",
    *,
    placeholder: str = "",
    suggester: Suggester | None = None,
) -> ComposeResult:
    """A label, a compact input with id ``field-<name>``, and its problem line."""
    with Horizontal(classes="form-row"):
        yield Label(Content(label), classes="form-label")
        yield Input(
            value, placeholder=placeholder, compact=True, id=f"field-{name}", suggester=suggester
        )
    yield Static("", id=f"problem-{name}", classes="form-problem")


def buttons(save_label: str) -> ComposeResult:
    """Save and cancel buttons."""
    with Horizontal(classes="form-buttons"):
        yield Button(Content(save_label), variant="primary", id="save", compact=True)
        yield Button(Content(t("form_cancel")), id="cancel", compact=True)


class FormScreen(ModalScreen[ResultType | None], Generic[ResultType]):
    """Base of the dialogs: Escape cancels, Ctrl+S (or the button) saves."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", t("form_cancel")),
        Binding("ctrl+s", "save", t("form_save")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.touched: set[str] = set()
        self.tried = False
        self.initial: dict[str, str] = {}

    @on(Mount)
    def _remember_initial_values(self) -> None:
        # What the fields held when the form opened: Escape asks before throwing away more.
        self.initial = self.unchanged_values()

    def unchanged_values(self) -> dict[str, str]:
        """The fields' text (by field id) that counts as nothing typed, so Escape closes
        without asking: what they held when the form opened, unless a subclass says."""
        return self.values()

    def values(self) -> dict[str, str]:
        """Every field's text, by field id."""
        return {field.id or "": field.value for field in self.query(Input)}

    def value(self, name: str) -> str:
        """The text of field ``name``."""
        return self.query_one(f"#field-{name}", Input).value

    def show_problem(self, name: str, message: str | None) -> None:
        """Show (or clear) the problem under field ``name`` if the user has been there."""
        visible = message if message and (self.tried or name in self.touched) else ""
        problem = self.query_one(f"#problem-{name}", Static)
        problem.update(Content(visible))
        problem.display = bool(visible)
        self.query_one(f"#field-{name}", Input).set_class(bool(visible), "-invalid")

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id and event.input.id.startswith("field-"):
            self.touched.add(event.input.id.removeprefix("field-"))
        self.revalidate()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def revalidate(self) -> None:
        """Check the fields and show problems; subclasses implement."""

    def result(self) -> ResultType | None:
        """The value to return, or None if a field is wrong; subclasses implement."""
        return None

    def question_before_saving(self) -> str | None:
        """A question the user must answer yes to before the value is returned (None:
        save at once); subclasses implement."""
        return None

    def action_save(self) -> None:
        self.tried = True
        self.revalidate()
        value = self.result()
        if value is None:
            invalid = self.query(".-invalid")
            if invalid:
                invalid.first().focus()
            return
        question = self.question_before_saving()
        if question is None:
            self.dismiss(value)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(value)

        self.app.push_screen(self.confirm(question), answered)

    def action_cancel(self) -> None:
        if self.values() == self.initial:
            self.dismiss(None)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)

        self.app.push_screen(self.confirm(t("confirm_discard")), answered)

    def confirm(self, question: str) -> ModalScreen[bool]:
        """A yes/no question above this form."""
        from deadline_tui.tui.screens.small_forms import ConfirmScreen

        return ConfirmScreen(question, "")
