"""``python -m bench``: measure DESIGN section 10's budgets and write bench/RESULTS.md.

One command runs everything: it generates (or reuses today's) task books of 2231, 20000
and 100000 tasks for deadline-tui and Taskwarrior, measures whole processes against
their baselines in the same session, times the storage and figure code in-process, and
writes the tables and the budget verdicts. ``--quick`` is a smoke run (2231 tasks,
3 runs) whose report goes to bench/.out/ so it never replaces the real results.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date
from pathlib import Path

from bench import generate, machine, report
from bench.budgets import evaluate
from bench.layout import DATA_DIR, OUT_DIR, QUICK_RESULTS_FILE, RESULTS_FILE, find_programs
from bench.suite import SizeBench, SizeResults, clean_env, log

RUNS = 9  # the machine may be shared: more runs steady the medians
LARGE_RUNS = 7  # at 100000 tasks a run takes seconds: fewer keep the whole run short
LARGE = 100000
QUICK_RUNS = 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--quick", action="store_true", help="smoke run: 2231 tasks, 3 runs, report in bench/.out/"
    )
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        metavar="N",
        help=f"book sizes to measure (default: {' '.join(map(str, generate.SIZES))})",
    )
    parser.add_argument(
        "--runs", type=int, help=f"timed runs per command (default {RUNS}; {LARGE_RUNS} at {LARGE})"
    )
    parser.add_argument(
        "--regenerate", action="store_true", help="generate the books even if made today"
    )
    parser.add_argument(
        "--results",
        type=Path,
        help="where to write the report (default bench/RESULTS.md; "
        "with --quick bench/.out/RESULTS-quick.md)",
    )
    return parser


def _runs_for(size: int, args: argparse.Namespace) -> int:
    if args.runs is not None:
        return int(args.runs)
    if args.quick:
        return QUICK_RUNS
    return LARGE_RUNS if size >= LARGE else RUNS


def main() -> int:
    """Run the benchmark; returns the exit code."""
    args = _parser().parse_args()
    sizes = args.sizes or ([min(generate.SIZES)] if args.quick else list(generate.SIZES))
    if args.runs is not None and not 1 <= args.runs < generate.DONE_TARGETS:
        raise SystemExit(f"bench: --runs must be between 1 and {generate.DONE_TARGETS - 1}")
    target = args.results or (QUICK_RESULTS_FILE if args.quick else RESULTS_FILE)
    programs = find_programs()
    today = date.today()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    described = machine.describe(programs, DATA_DIR)
    results: list[SizeResults] = []
    with tempfile.TemporaryDirectory(prefix="deadline-bench-") as scratch:
        home = Path(scratch)
        cwd = home / "cwd"  # empty: no config.toml here for the program to find
        cwd.mkdir()
        env = clean_env(home)
        benches: list[SizeBench] = []
        for index, size in enumerate(sizes):
            described[f"Load average before {size}"] = machine.load_average()
            log(f"{size}: task books (generated once a day)")
            book, made = generate.ensure(size, today, programs, force=args.regenerate)
            bench = SizeBench(
                book,
                programs,
                env=env,
                cwd=cwd,
                runs=_runs_for(size, args),
                check_imports=index == 0,
            )
            benches.append(bench)
            results.append(bench.run(made))
        for bench, result in zip(benches, results, strict=True):
            bench.in_process(result, today)
    elapsed = time.perf_counter() - started
    described["Load average at end"] = machine.load_average()
    runs = ", ".join(f"{r.size}: {r.runs}" for r in results)
    settings = (
        f"timed runs per command {runs} (each after an untimed warm-up); "
        f"whole benchmark {elapsed / 60:.1f} min"
    )
    notes: list[str] = []
    if date.today() != today:
        notes.append("the day changed during the run: statuses of later sizes may differ")
    verdicts = evaluate(results)
    text = report.render(
        results, verdicts, machine=described, settings=settings, notes=notes, previous=target
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    log(f"done in {elapsed / 60:.1f} min; results in {target}")
    for verdict in verdicts:
        print(f"{verdict.word:>14}  {verdict.budget} — {verdict.figure}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
