"""User-facing text in Vietnamese (default) and English.

Messages live in catalogs keyed by a stable id; code never concatenates translated
fragments. Front ends call :func:`set_language` once, from the validated config.
"""

from __future__ import annotations

from typing import Literal

Language = Literal["vi", "en"]
LANGUAGES: tuple[Language, ...] = ("vi", "en")

_catalog: dict[str, tuple[str, str]] = {}
_language: Language = "vi"


def register(entries: dict[str, tuple[str, str]]) -> None:
    """Add a catalog of ``id -> (vietnamese, english)``; ids must be unique."""
    clash = _catalog.keys() & entries.keys()
    if clash:
        raise ValueError(f"message ids defined twice: {sorted(clash)}")
    _catalog.update(entries)


def set_language(language: Language) -> None:
    """Choose the language of every message from now on."""
    global _language  # noqa: PLW0603 - one process-wide language, set once at start
    _language = language


def current_language() -> Language:
    """The language messages are produced in."""
    return _language


def t(key: str, /, **params: object) -> str:
    """The message ``key`` in the current language, with ``params`` filled in.

    Params are inserted as plain text; callers that render markup must not pass the
    result through a markup parser.
    """
    vietnamese, english = _catalog[key]
    template = vietnamese if _language == "vi" else english
    return template.format(**params) if params else template


def message_ids() -> list[str]:
    """Every registered message id."""
    return list(_catalog)


def translations(key: str) -> tuple[str, str]:
    """A message's templates in both languages (to read back words either one wrote)."""
    return _catalog[key]


def _load_core() -> None:
    from deadline_tui.i18n import cli, core, extract, report, server, storage

    register(core.MESSAGES)
    register(cli.MESSAGES)
    register(storage.MESSAGES)
    register(server.MESSAGES)
    register(report.MESSAGES)
    register(extract.MESSAGES)


_load_core()
