"""What a report shows at twelve past month-ends: the oracle of "history stays history"
and "export -> import keeps the figures" (compared before and after, never computed by
the code under test alone)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

import orjson

from deadline_tui.domain.task import Task
from deadline_tui.reports.figures import GROUPINGS, summarise
from deadline_tui.reports.sentence import summary_sentence

# Twelve month-ends before 23/11/2026, the tests' today: 30/11/2025 ... 31/10/2026.
MONTH_ENDS = [
    date(2025 + (m + 10) // 12, (m + 10) % 12 + 1, 1) - timedelta(days=1) for m in range(1, 13)
]


def report(tasks: Iterable[Task]) -> bytes:
    """Every figure, sentence and group (every grouping) at each of the month-ends."""
    book = list(tasks)
    out: list[object] = []
    for as_of in MONTH_ENDS:
        for by in (None, *GROUPINGS):
            summary = summarise(book, as_of, warning_days=3, by=by)
            out.append(summary.overall.as_json())
            out.append(summary_sentence(summary.overall, decimals=1, rounding="half_up"))
            out.extend(g.as_json(with_name=True) for g in summary.groups)
    return orjson.dumps(out)
