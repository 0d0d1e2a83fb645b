"""``python -m bench.paired --before BIN``: the issue-12 budgets as paired ratios.

Two installed builds of deadline-tui (``--before``: the bin/ of a venv with the baseline
wheel; the one running this script: the build under test) are measured against the same
baselines in one session, runs alternating (floor, before, after, ...), so machine load
hits all alike. At 2.231 tasks the baseline is bench/floor.py; at 20.000 it is the
Taskwarrior equivalent. Each variant works on its own copy of the book. Prints a
Markdown table of medians and ratios (paste it into bench/RESULTS.md).
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from bench.generate import ensure
from bench.layout import DATA_DIR, MINIMAL_APP, OUT_DIR, book_file, find_programs
from bench.measure import Run, first_frame, run_process
from bench.suite import MINIMAL_MARKER, TUI_MARKER, clean_env
from bench.taskwarrior import Taskwarrior, task_uuid

FLOOR = Path(__file__).with_name("floor.py")
TW_OF = {
    "summary": ("summary",),
    "list --status overdue": ("+OVERDUE", "-suspended", "count"),
    "done": ("{uuid}", "done"),
    "add": ("add", "Báo cáo bench", "project:bench", "due:2030-12-31"),
}


def ours(command: str, target: int) -> list[str]:
    if command == "done":
        return ["done", str(target)]
    if command == "add":
        return ["add", "Báo cáo bench", "--unit", "Sở Tài chính", "--due", "31/12/2030"]
    return command.split()


def median_ms(runs: Sequence[Run]) -> float:
    return statistics.median(r.seconds for r in runs if r.ok) * 1000


def durable_change(book_path: Path, targets: list[int], repeats: int) -> tuple[float, float]:
    """Median ms of one ``update`` (warm parsed copy, as the TUI holds it) against
    writing the same bytes durably (write, fsync, rename, directory fsync) to another
    file beside it (replacing the book itself would make the next update parse it).

    One untimed pair first (the first change and the first write of a process pay for
    code and caches once), then ``repeats`` pairs, cycling over ``targets``: with 7
    pairs and no warm-up the ratio moved between 1,30 and 1,57 on one unchanged book."""
    from deadline_tui.domain.task import TaskState
    from deadline_tui.storage.bookfile import write_durably
    from deadline_tui.storage.desk import DeskBook

    book = DeskBook(book_path)
    book.tasks()
    now = datetime.now().replace(microsecond=0)
    change_ms, write_ms = [], []
    for index, target in zip(range(repeats + 1), itertools.cycle(targets), strict=False):
        start = time.perf_counter()
        book.update(target, lambda t: t.with_changes(now, state=TaskState.DONE, done_on=now.date()))
        changed = (time.perf_counter() - start) * 1000
        payload = book_path.read_bytes()
        start = time.perf_counter()
        write_durably(book_path.with_name("same-bytes.json"), payload)
        if index > 0:
            change_ms.append(changed)
            write_ms.append((time.perf_counter() - start) * 1000)
    return statistics.median(change_ms), statistics.median(write_ms)


def _process(argv: Sequence[str], env: dict[str, str], cwd: Path) -> Run:
    run = run_process(argv, env=env, cwd=cwd, stdout=OUT_DIR / "p.out", stderr=OUT_DIR / "p.err")
    if not run.ok:
        print(f"failed: {' '.join(argv)}: {run.detail}", file=sys.stderr)
    return run


class Size:
    """One book size: a copy of the book per variant, and Taskwarrior's data."""

    def __init__(self, size: int, before_bin: Path, env: dict[str, str], home: Path) -> None:
        programs = find_programs()
        self.size, self.env, self.home, self.python = size, env, home, programs.python
        self.book, _ = ensure(size, date.today(), programs)
        self.bins = {"before": before_bin, "after": programs.deadline_tui.parent}
        self.work = {name: DATA_DIR / f"paired-{name}-{size}" for name in self.bins}
        for folder in self.work.values():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            shutil.copyfile(book_file(size), folder / "tasks.json")
        self.warrior = Taskwarrior(size, programs.task)
        shutil.rmtree(self.warrior.data, ignore_errors=True)
        shutil.copytree(self.warrior.pristine, self.warrior.data)
        self.targets = iter(self.book.done_targets)

    def argv(self, variant: str, command: str, target: int) -> list[str]:
        if variant == "base" and self.size < 10000:
            return [str(self.python), str(FLOOR), str(self.work["after"] / "tasks.json")]
        if variant == "base":
            words = [w.format(uuid=task_uuid(target)) for w in TW_OF[command]]
            return self.warrior.argv(*words)
        book = str(self.work[variant] / "tasks.json")
        return [str(self.bins[variant] / "deadline-tui"), "--db", book, *ours(command, target)]

    def command(self, command: str, runs: int) -> dict[str, list[Run]]:
        """``runs`` of the baseline, before and after, alternating (after a warm-up)."""
        found: dict[str, list[Run]] = {"base": [], "before": [], "after": []}
        tw_env = self.warrior.env(self.env)
        for index in range(runs + 1):
            target = next(self.targets)[0] if command == "done" else 0
            for variant, sink in found.items():
                env = tw_env if variant == "base" and self.size >= 10000 else self.env
                run = _process(self.argv(variant, command, target), env, self.home)
                if index > 0:
                    sink.append(run)
        return found

    def first_frames(self, runs: int) -> dict[str, list[Run]]:
        """The minimal Textual app and our TUI, before and after, alternating."""
        found: dict[str, list[Run]] = {"base": [], "before": [], "after": []}
        for index in range(runs + 1):
            for variant, sink in found.items():
                marker = MINIMAL_MARKER if variant == "base" else TUI_MARKER
                argv = [str(self.python), str(MINIMAL_APP), MINIMAL_MARKER]
                if variant != "base":
                    book = str(self.work[variant] / "tasks.json")
                    argv = [str(self.bins[variant] / "deadline-tui"), "--db", book]
                run = first_frame(argv, marker=marker, env=self.env, cwd=self.home)
                if index > 0:
                    sink.append(run)
        return found


def _row(*cells: object) -> None:
    print("| " + " | ".join(str(c) for c in cells) + " |", flush=True)


def main() -> int:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(prog="python -m bench.paired")
    parser.add_argument("--before", type=Path, required=True, help="bin/ of the baseline venv")
    parser.add_argument("--sizes", type=int, nargs="+", default=[2231, 20000])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="bench-home-"))
    env = clean_env(home)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    _row("size", "measure", "baseline ms", "before ms", "after ms", "before ×", "after ×",
         "peak MiB before / after")  # fmt: skip
    _row(*["---"] * 8)
    for size in args.sizes:
        bench = Size(size, args.before, env, home)
        peaks: dict[str, int] = {}
        for command in TW_OF:
            runs = bench.command(command, args.runs)
            base, before, after = (median_ms(runs[n]) for n in ("base", "before", "after"))
            peak = {n: max(r.peak_kib or 0 for r in runs[n]) for n in ("before", "after")}
            peaks[command] = peak["after"]
            _row(size, command, f"{base:.0f}", f"{before:.0f}", f"{after:.0f}",
                 f"{before / base:.2f}", f"{after / base:.2f}",
                 f"{peak['before'] / 1024:.0f} / {peak['after'] / 1024:.0f}")  # fmt: skip
        frames = bench.first_frames(args.runs)
        base, before, after = (median_ms(frames[n]) for n in ("base", "before", "after"))
        peak = {n: max(r.peak_kib or 0 for r in frames[n]) / 1024 for n in ("before", "after")}
        _row(size, "TUI first frame (vs minimal app)", f"{base:.0f}", f"{before:.0f}",
             f"{after:.0f}", f"{before / base:.2f}", f"{after / base:.2f}",
             f"{peak['before']:.0f} / {peak['after']:.0f}")  # fmt: skip
        rest = [target for target, _ in bench.targets]
        change, write = durable_change(bench.work["after"] / "tasks.json", rest, 31)
        _row(size, "one durable change in-process (vs same bytes durably)", f"{write:.1f}", "",
             f"{change:.1f}", "", f"{change / write:.2f}", "")  # fmt: skip
        worst = max(peaks.values()) / peaks["summary"]
        _row(size, "peak memory: worst command / summary", "", "", "", "", f"{worst:.2f}", "")
    shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
