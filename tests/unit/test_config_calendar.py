"""The [calendar] and [aliases] sections of the config."""

from __future__ import annotations

from datetime import date

import pytest

from deadline_tui.config import parse_settings
from deadline_tui.errors import ConfigError


def test_calendar_days_are_read_day_first_and_reach_the_calendar() -> None:
    raw = {"calendar": {"days_off": ["01/12/2026"], "working_days": ["05/12/2026"]}}
    settings = parse_settings(raw, None)
    assert settings.calendar.days_off == (date(2026, 12, 1),)
    calendar = settings.calendar.work_calendar()
    assert not calendar.is_working_day(date(2026, 12, 1))
    assert calendar.is_working_day(date(2026, 12, 5))


@pytest.mark.parametrize(
    "raw",
    [
        {"calendar": {"days_off": ["31/02/2026"]}},
        {"calendar": {"days_off": "01/12/2026"}},
        {"calendar": {"holidays": []}},
        {"aliases": {"SKHĐT": ""}},
        {"aliases": ["SKHĐT"]},
    ],
)
def test_bad_calendar_or_alias_is_refused_naming_the_key(raw: dict[str, object]) -> None:
    with pytest.raises(ConfigError):
        parse_settings(raw, None)


def test_aliases_are_kept() -> None:
    settings = parse_settings({"aliases": {"SKHĐT": "Sở Kế hoạch và Đầu tư"}}, None)
    assert settings.aliases == {"SKHĐT": "Sở Kế hoạch và Đầu tư"}
