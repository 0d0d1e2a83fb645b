"""DESIGN section 10's budgets, checked against one run's figures.

Each budget becomes a verdict: holds, does not hold, or not measured (a size or a
measurement was left out, or every run of it failed), always with the figure it rests on.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from bench.measure import Pair, Series
from bench.suite import SizeResults

TUI_RATIO = 1.3
STORAGE_MS = 20.0
COMPARED_SIZE = 20000
STORAGE_SIZE = 2231


@dataclass(frozen=True, slots=True)
class Verdict:
    budget: str
    holds: bool | None
    figure: str

    @property
    def word(self) -> str:
        if self.holds is None:
            return "not measured"
        return "holds" if self.holds else "does not hold"


def ms(seconds: float | None) -> str:
    """Milliseconds, to a precision that matches what a run can resolve."""
    if seconds is None:
        return "–"
    value = seconds * 1000
    return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"


def ratio_text(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _ratio_figure(pair: Pair) -> str:
    return f"ratio {ratio_text(pair.ratio)} ({ms(pair.ours.median)} vs {ms(pair.baseline.median)})"


def _at(results: Sequence[SizeResults], size: int) -> SizeResults | None:
    return next((r for r in results if r.size == size), None)


def _against(name: str, ours: Series, theirs: Series) -> Verdict:
    budget = f"`{name}` at {COMPARED_SIZE} tasks at least as fast as `task summary`"
    if ours.median is None or theirs.median is None:
        return Verdict(budget, None, "a run failed")
    ratio = ours.median / theirs.median
    figure = f"ratio {ratio_text(ratio)} ({ms(ours.median)} vs {ms(theirs.median)})"
    return Verdict(budget, ratio <= 1.0, figure)


def evaluate(results: Sequence[SizeResults]) -> list[Verdict]:
    """Every budget of DESIGN section 10 this benchmark can measure, plus the one it cannot."""
    verdicts: list[Verdict] = []
    for result in results:
        pair = result.tui
        budget = f"TUI first frame with data at {result.size} tasks ≤ {TUI_RATIO} × minimal app"
        ratio = pair.ratio
        verdicts.append(
            Verdict(budget, None if ratio is None else ratio <= TUI_RATIO, _ratio_figure(pair))
        )
    verdicts.append(
        Verdict(
            "TUI keys stay responsive at 100000 tasks",
            None,
            "not measured by this benchmark (first frame only)",
        )
    )
    checked = next((r.textual_imports for r in results if r.textual_imports), None)
    if checked is None:
        verdicts.append(Verdict("`summary`, `list`, `remind` do not import Textual", None, "–"))
    else:
        offenders = {name: mods for name, mods in checked.items() if mods}
        figure = (
            "none of them imports a textual module (python -X importtime)"
            if not offenders
            else "; ".join(f"`{n}` imports {', '.join(m[:3])}" for n, m in offenders.items())
        )
        verdicts.append(
            Verdict("`summary`, `list`, `remind` do not import Textual", not offenders, figure)
        )
    compared = _at(results, COMPARED_SIZE)
    if compared is None:
        for name in ("summary", "list --status overdue", "remind --dry-run"):
            budget = f"`{name}` at {COMPARED_SIZE} tasks at least as fast as `task summary`"
            verdicts.append(Verdict(budget, None, f"{COMPARED_SIZE} not in this run"))
    else:
        task_summary = compared.pairs["summary"].baseline
        verdicts.append(_against("summary", compared.pairs["summary"].ours, task_summary))
        verdicts.append(
            _against("list --status overdue", compared.pairs["list"].ours, task_summary)
        )
        verdicts.append(_against("remind --dry-run", compared.remind, task_summary))
    small = _at(results, STORAGE_SIZE)
    budget = f"`done` at {STORAGE_SIZE} tasks: storage time < {STORAGE_MS:.0f} ms"
    if small is None or small.measured is None or not small.measured.storage:
        verdicts.append(Verdict(budget, None, f"{STORAGE_SIZE} not in this run"))
    else:
        median = statistics.median(small.measured.storage)
        verdicts.append(
            Verdict(budget, median * 1000 < STORAGE_MS, f"median {ms(median)} per `repo.update`")
        )
    budget = f"`done` at {COMPARED_SIZE} tasks no slower than `task ID done` (whole process)"
    if compared is None:
        verdicts.append(Verdict(budget, None, f"{COMPARED_SIZE} not in this run"))
    else:
        pair = compared.pairs["done"]
        ratio = pair.ratio
        verdicts.append(
            Verdict(budget, None if ratio is None else ratio <= 1.0, _ratio_figure(pair))
        )
    return verdicts
