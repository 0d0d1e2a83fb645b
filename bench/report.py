"""RESULTS.md: the figures of one run, as tables a maintainer can read and compare.

Medians are shown with the fastest and slowest run, so a noisy figure is visible as
such. The "Analysis" section is for the maintainers; when the file is rewritten, text
they wrote there is carried over (marked as belonging to an earlier run) rather than lost.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from pathlib import Path

from bench.budgets import Verdict, ms, ratio_text
from bench.measure import Run, Series
from bench.suite import READ_COMMANDS, TASKWARRIOR_OF, TUI_MARKER, SizeResults

SPREAD_NOTED = 0.25
ANALYSIS_HEADING = "## Analysis"
ANALYSIS_PLACEHOLDER = "(written by the maintainers after reading the figures)"
CARRIED_OVER = "> Carried over from the previous RESULTS.md: it was written about earlier figures."


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


def _spread(series: Series) -> str:
    if series.median is None:
        return "failed"
    failed = f", {len(series.failures)} failed" if series.failures else ""
    return f"{ms(series.median)} ({ms(series.low)}–{ms(series.high)}{failed})"


def _mib(kib: int | None) -> str:
    if kib is None or kib == 0:
        return "–"
    mib = kib / 1024
    return f"{mib:.1f} MiB" if mib < 10 else f"{mib:.0f} MiB"


def _run(run: Run) -> str:
    return ms(run.seconds) if run.ok else f"failed ({run.detail})"


def _secs(values: Sequence[float]) -> str:
    if not values:
        return "–"
    return f"{ms(statistics.median(values))} ({ms(min(values))}–{ms(max(values))})"


def _verdicts(verdicts: Sequence[Verdict]) -> list[str]:
    lines = ["## Budgets (DESIGN section 10)", ""]
    for verdict in verdicts:
        lines.append(f"- {verdict.budget}: **{verdict.word}** — {verdict.figure}")
    return [*lines, ""]


def _method(results: Sequence[SizeResults]) -> list[str]:
    runs = ", ".join(f"{r.runs} at {r.size}" for r in results)
    bullets = [
        f"Every figure is the median of the timed runs ({runs}), each series after one "
        "untimed warm-up. Ours and its baseline alternate (baseline, ours, baseline, ours, …) "
        "in the same session, so a change in machine load hits both.",
        "Processes are started under GNU time (`/usr/bin/time -f %M`), which reports the "
        "program's own peak RSS; the wall time is taken by the benchmark around the whole "
        "launch. Output goes to files in bench/.out/ (the last run of each command is kept).",
        "Environment: an empty temporary working directory (no config.toml), "
        "`DEADLINE_TUI_CONFIG`/`DEADLINE_TUI_DB` unset, `XDG_CONFIG_HOME`/`XDG_DATA_HOME` in "
        "a temporary directory, `DBUS_SESSION_BUS_ADDRESS`/`DISPLAY` unset (reminders cannot "
        "reach a desktop), `TERM=xterm-256color`, bytecode compiled once into "
        "bench/.data/pycache (`PYTHONPYCACHEPREFIX`); TUIs get a 140×40 pseudo-terminal.",
        "Data: the same generated tasks (fixed seed, dates relative to the day of the run) "
        "in our database and in a private Taskwarrior (bench/taskwarrior.py has the mapping "
        "and the taskrc). Working copies are put back before every run that needs it and "
        "flushed to disk (`sync`) before the next measured run.",
        "hyperfine is not used: it cannot alternate two commands, report a program's own "
        "peak RSS per run, or time a TUI to its first frame.",
    ]
    return ["## Method", "", *[f"- {b}" for b in bullets], ""]


def _books(results: Sequence[SizeResults]) -> list[str]:
    rows = []
    for r in results:
        s = r.book.statuses
        rows.append(
            [
                str(r.size),
                _mib(r.files["database"] // 1024),
                _mib(r.files["derived copy"] // 1024),
                _mib(r.files["Taskwarrior data"] // 1024),
                str(s.get("open_overdue", 0)),
                str(s.get("open_in_term", 0)),
                str(s.get("done_on_time", 0) + s.get("done_late", 0)),
                str(s.get("suspended", 0) + s.get("cancelled", 0)),
                r.book.today + (" (generated in this run)" if r.generated else " (reused)"),
            ]
        )
    header = [
        "Tasks",
        "our database",
        "derived copy (user cache)",
        "Taskwarrior data",
        "open overdue",
        "open in term",
        "done",
        "suspended + cancelled",
        "generated for",
    ]
    return ["## The task books", "", *_table(header, rows)]


def _tui(results: Sequence[SizeResults]) -> list[str]:
    rows = [
        [
            str(r.size),
            _spread(r.tui.baseline),
            _spread(r.tui.ours),
            ratio_text(r.tui.ratio),
            _mib(r.tui.ours.peak_kib),
            _mib(r.tui.baseline.peak_kib),
        ]
        for r in results
    ]
    header = [
        "Tasks",
        "minimal app: median (min–max)",
        "deadline-tui: median (min–max)",
        "ratio",
        "peak RSS deadline-tui",
        "peak RSS minimal app",
    ]
    intro = (
        f"Launch until the marker reaches a 140×40 pseudo-terminal: `{TUI_MARKER}` (the "
        "summary bar, drawn once the book is loaded) for deadline-tui, `READY` for the minimal "
        "app. Warm: the derived copy of the book (user cache) is present. Peak RSS is up to the "
        "first frame."
    )
    return ["## TUI first frame", "", intro, "", *_table(header, rows)]


def _commands(results: Sequence[SizeResults]) -> list[str]:
    rows = []
    for r in results:
        for name in (*TASKWARRIOR_OF, "done"):
            pair = r.pairs[name]
            rows.append(
                [
                    str(r.size),
                    f"`{pair.ours.label}`",
                    _spread(pair.ours),
                    f"`{pair.baseline.label}`",
                    _spread(pair.baseline),
                    ratio_text(pair.ratio),
                    _mib(pair.ours.peak_kib),
                    _mib(pair.baseline.peak_kib),
                ]
            )
    header = [
        "Tasks",
        "ours",
        "median (min–max)",
        "Taskwarrior",
        "median (min–max)",
        "ratio",
        "peak RSS ours",
        "peak RSS Taskwarrior",
    ]
    intro = (
        "Whole processes, output to a file, run alternately with the Taskwarrior command "
        "(ratio = our median / Taskwarrior's; below 1 we are faster). Each `done` run marks a "
        "different open task done on both sides, starting from the same data."
    )
    return ["## Commands vs Taskwarrior", "", intro, "", *_table(header, rows)]


def _remind(results: Sequence[SizeResults]) -> list[str]:
    rows = []
    for r in results:
        task_summary = r.pairs["summary"].baseline.median
        vs = r.remind.median / task_summary if r.remind.median and task_summary else None
        rows.append([str(r.size), _spread(r.remind), ratio_text(vs), _mib(r.remind.peak_kib)])
    header = ["Tasks", "median (min–max)", "vs `task summary` (same session)", "peak RSS"]
    return ["## `remind --dry-run`", "", *_table(header, rows)]


def _cold(results: Sequence[SizeResults]) -> list[str]:
    rows = [
        [
            str(r.size),
            _run(r.cold_summary),
            ms(r.pairs["summary"].ours.median),
            _run(r.cold_tui),
            ms(r.tui.ours.median),
        ]
        for r in results
    ]
    header = [
        "Tasks",
        "`summary` without the derived copy (1 run)",
        "`summary` warm (median)",
        "TUI first frame without the derived copy (1 run)",
        "TUI warm (median)",
    ]
    intro = (
        "Single runs with the derived copy in the user cache deleted first, as after another "
        "program wrote the book: the whole book is parsed and decoded again."
    )
    return ["## Cold first read", "", intro, "", *_table(header, rows)]


def _in_process(results: Sequence[SizeResults]) -> list[str]:
    rows = [
        [
            str(r.size),
            _secs(r.measured.storage),
            _secs(r.measured.opening),
            _secs(r.measured.closing),
            _secs(r.measured.assess_all),
            _secs(r.measured.summarise_unit),
        ]
        for r in results
        if r.measured is not None
    ]
    header = [
        "Tasks",
        "storage time: `repo.update` of one task",
        "`DeskBook.open` before it",
        "`close` after it",
        "status of all tasks (`assess`)",
        '`summarise(..., by="unit")`',
    ]
    intro = (
        "Inside this process, median (min–max). Storage time: one locked, durable write on a "
        "freshly opened repository in the warm state, as `done` makes it (under the lock it "
        "serialises the whole book (a backup too when the backup policy asks) and writes it "
        "durably: temporary file, fsync, rename over the book, directory fsync; warm-up call "
        "excluded). "
        "Opening and closing the book are timed apart; neither is part of the storage-time "
        "budget; both are part of the whole-process `done` times."
    )
    return ["## In-process", "", intro, "", *_table(header, rows)]


def _imports(results: Sequence[SizeResults]) -> list[str]:
    checked = next((r for r in results if r.textual_imports), None)
    if checked is None:
        return []
    lines = ["## Textual imports of the CLI", ""]
    for name, modules in checked.textual_imports.items():
        words = " ".join(READ_COMMANDS[name])
        found = "none" if not modules else f"{len(modules)} ({', '.join(modules[:5])}, …)"
        lines.append(f"- `deadline-tui {words}` at {checked.size} tasks: textual modules: {found}")
    return [*lines, ""]


def _notes(results: Sequence[SizeResults], extra: Sequence[str]) -> list[str]:
    lines = ["## Noticed during the run", ""]
    found = list(extra)
    for r in results:
        found += [f"{r.size}: {note}" for note in r.notes]
        series = [r.tui.ours, r.tui.baseline, r.remind]
        series += [s for p in r.pairs.values() for s in (p.ours, p.baseline)]
        spread: list[str] = []
        for s in series:
            for run in s.failures:
                found.append(f"{r.size}: a timed run of `{s.label}` failed: {run.detail}")
            if s.median and s.high is not None and s.low is not None:
                relative = (s.high - s.low) / s.median
                if relative > SPREAD_NOTED:
                    spread.append(f"`{s.label}` {relative:.0%}")
        if spread:
            found.append(
                f"{r.size}: spread (slowest − fastest run, over the median) above "
                f"{SPREAD_NOTED:.0%}: " + ", ".join(spread)
            )
    lines += [f"- {line}" for line in found] or ["- nothing unusual"]
    return [*lines, ""]


def _previous_analysis(path: Path) -> str | None:
    """Text a maintainer wrote under "Analysis" in the file about to be replaced."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    _, heading, body = text.partition(ANALYSIS_HEADING)
    body = body.strip().removeprefix(CARRIED_OVER).strip()
    if not heading or not body or body == ANALYSIS_PLACEHOLDER:
        return None
    return body


def render(
    results: Sequence[SizeResults],
    verdicts: Sequence[Verdict],
    *,
    machine: dict[str, str],
    settings: str,
    notes: Sequence[str],
    previous: Path | None = None,
) -> str:
    """The whole RESULTS.md."""
    lines = [
        "# Benchmark results",
        "",
        "Written by `python -m bench` (bench/); every run overwrites the figures. "
        "DESIGN section 10 defines the budgets.",
        "",
        f"Run: {settings}.",
        "",
    ]
    lines += _verdicts(verdicts)
    lines += ["## Machine", "", *_table(["", ""], [[k, v] for k, v in machine.items()])]
    lines += _method(results)
    lines += _books(results)
    lines += _tui(results)
    lines += _commands(results)
    lines += _remind(results)
    lines += _cold(results)
    lines += _in_process(results)
    lines += _imports(results)
    lines += _notes(results, notes)
    lines += [ANALYSIS_HEADING, ""]
    earlier = _previous_analysis(previous) if previous is not None else None
    if earlier is None:
        lines += [ANALYSIS_PLACEHOLDER, ""]
    else:
        lines += [CARRIED_OVER, "", earlier, ""]
    return "\n".join(lines)
