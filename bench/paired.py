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
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
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
    writing the same bytes durably (write, fsync, rename, directory fsync)."""
    from deadline_tui.domain.task import TaskState
    from deadline_tui.storage.bookfile import write_durably
    from deadline_tui.storage.desk import DeskBook

    book = DeskBook(book_path)
    book.tasks()
    now = datetime.now().replace(microsecond=0)
    change_ms, write_ms = [], []
    for target in targets[:repeats]:
        start = time.perf_counter()
        book.update(target, lambda t: t.with_changes(now, state=TaskState.DONE, done_on=now.date()))
        change_ms.append((time.perf_counter() - start) * 1000)
        payload = book_path.read_bytes()
        start = time.perf_counter()
        write_durably(book_path, payload)
        write_ms.append((time.perf_counter() - start) * 1000)
    return statistics.median(change_ms), statistics.median(write_ms)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.paired")
    parser.add_argument("--before", type=Path, required=True, help="bin/ of the baseline venv")
    parser.add_argument("--sizes", type=int, nargs="+", default=[2231, 20000])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    programs = find_programs()
    after_bin = programs.deadline_tui.parent
    home = Path(tempfile.mkdtemp(prefix="bench-home-"))
    env = clean_env(home)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    print(
        "| size | measure | baseline ms | before ms | after ms | before ratio | after ratio "
        "| peak MiB before / after |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for size in args.sizes:
        book, _ = ensure(size, date.today(), programs)
        work = {name: DATA_DIR / f"paired-{name}-{size}" for name in ("before", "after")}
        for folder in work.values():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            shutil.copyfile(book_file(size), folder / "tasks.json")
        warrior = Taskwarrior(size, programs.task)
        shutil.rmtree(warrior.data, ignore_errors=True)
        shutil.copytree(warrior.pristine, warrior.data)
        tw_env = warrior.env(env)
        targets = iter(book.done_targets)
        peaks: dict[tuple[str, str], int] = {}
        for command in TW_OF:
            runs: dict[str, list[Run]] = {"base": [], "before": [], "after": []}
            for index in range(args.runs + 1):
                ours_id, _ = next(targets) if command == "done" else (0, 0)
                measures: dict[str, Callable[[], Run]] = {
                    "before": lambda: run_process(
                        [
                            str(args.before / "deadline-tui"),
                            "--db",
                            str(work["before"] / "tasks.json"),
                            *ours(command, ours_id),
                        ],
                        env=env,
                        cwd=home,
                        stdout=OUT_DIR / "p.out",
                        stderr=OUT_DIR / "p.err",
                    ),
                    "after": lambda: run_process(
                        [
                            str(after_bin / "deadline-tui"),
                            "--db",
                            str(work["after"] / "tasks.json"),
                            *ours(command, ours_id),
                        ],
                        env=env,
                        cwd=home,
                        stdout=OUT_DIR / "p.out",
                        stderr=OUT_DIR / "p.err",
                    ),
                }
                if size < 10000:
                    measures["base"] = lambda: run_process(
                        [str(programs.python), str(FLOOR), str(work["after"] / "tasks.json")],
                        env=env,
                        cwd=home,
                        stdout=OUT_DIR / "p.out",
                        stderr=OUT_DIR / "p.err",
                    )
                else:
                    words = [w.format(uuid=task_uuid(ours_id)) for w in TW_OF[command]]
                    measures["base"] = lambda: run_process(
                        warrior.argv(*words),
                        env=tw_env,
                        cwd=home,
                        stdout=OUT_DIR / "p.out",
                        stderr=OUT_DIR / "p.err",
                    )
                for name in ("base", "before", "after"):
                    run = measures[name]()
                    if not run.ok:
                        print(f"{name} {command} failed: {run.detail}", file=sys.stderr)
                    if index > 0:
                        runs[name].append(run)
            base, before, after = (median_ms(runs[n]) for n in ("base", "before", "after"))
            for name in ("before", "after"):
                peaks[(name, command)] = max(r.peak_kib or 0 for r in runs[name])
            print(
                f"| {size} | {command} | {base:.0f} | {before:.0f} | {after:.0f} "
                f"| {before / base:.2f} | {after / base:.2f} "
                f"| {peaks[('before', command)] / 1024:.0f} / {peaks[('after', command)] / 1024:.0f} |",
                flush=True,
            )
        tui: dict[str, list[Run]] = {"base": [], "after": []}
        for index in range(args.runs + 1):
            minimal = first_frame(
                [str(programs.python), str(MINIMAL_APP), MINIMAL_MARKER],
                marker=MINIMAL_MARKER,
                env=env,
                cwd=home,
            )
            frame = first_frame(
                [str(after_bin / "deadline-tui"), "--db", str(work["after"] / "tasks.json")],
                marker=TUI_MARKER,
                env=env,
                cwd=home,
            )
            if index > 0:
                tui["base"].append(minimal)
                tui["after"].append(frame)
        base, after = median_ms(tui["base"]), median_ms(tui["after"])
        print(
            f"| {size} | TUI first frame | {base:.0f} | | {after:.0f} | | {after / base:.2f} "
            f"| / {max(r.peak_kib or 0 for r in tui['after']) / 1024:.0f} |",
            flush=True,
        )
        rest = [t for t, _ in targets]
        change, write = durable_change(work["after"] / "tasks.json", rest, 7)
        print(
            f"| {size} | one durable change (in-process) | {write:.1f} | | {change:.1f} | "
            f"| {change / write:.2f} | |",
            flush=True,
        )
        summary_peak = peaks[("after", "summary")]
        worst = max(v for (n, _), v in peaks.items() if n == "after")
        print(
            f"| {size} | peak memory: worst command / summary | | | | "
            f"| {worst / summary_peak:.2f} | |",
            flush=True,
        )
    shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
