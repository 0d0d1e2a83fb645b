"""DESIGN section 10's budgets, checked against one run's figures.

Each budget becomes a verdict: holds, does not hold, or not measured (a size or a
measurement was left out, or every run of it failed), always with the figure it rests on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bench.measure import Pair
from bench.suite import SizeResults

TUI_RATIO = 1.3
COMPARED_SIZE = 20000


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


def _against(name: str, pair: Pair) -> Verdict:
    budget = f"`{name}` at {COMPARED_SIZE} tasks ≤ 1,0 × `{pair.baseline.label}`"
    ratio = pair.ratio
    return Verdict(budget, None if ratio is None else ratio <= 1.0, _ratio_figure(pair))


PAIRED_ONLY = (
    "`summary`, `list --status overdue`, `done`, `add` at 2231 tasks ≤ 1,3 × floor",
    "`add` at 20000 tasks ≤ 1,0 × `task add`",
    "one durable change ≤ 1,5 × writing the same bytes durably",
    "no command's peak memory over 1,5 × `summary`'s",
)


def evaluate(results: Sequence[SizeResults]) -> list[Verdict]:
    """DESIGN section 10's budgets this benchmark measures; the others are measured by
    ``python -m bench.paired`` (paired with an older build) and listed as such."""
    verdicts: list[Verdict] = []
    for result in results:
        pair = result.tui
        budget = f"TUI first frame with data at {result.size} tasks ≤ {TUI_RATIO} × minimal app"
        ratio = pair.ratio
        verdicts.append(
            Verdict(budget, None if ratio is None else ratio <= TUI_RATIO, _ratio_figure(pair))
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
    for name, key in (("summary", "summary"), ("list --status overdue", "list"), ("done", "done")):
        if compared is None:
            budget = f"`{name}` at {COMPARED_SIZE} tasks ≤ 1,0 × its Taskwarrior equivalent"
            verdicts.append(Verdict(budget, None, f"{COMPARED_SIZE} not in this run"))
        else:
            verdicts.append(_against(name, compared.pairs[key]))
    verdicts.extend(Verdict(b, None, "measured by `python -m bench.paired`") for b in PAIRED_ONLY)
    return verdicts
