"""The server book at 100.000 tasks, paired with Taskwarrior (DESIGN section 10).

``DEADLINE_TUI_TEST_PG=<conninfo> python -m bench.server [--size N] [--rounds R]``

Builds the benchmark's generated tasks into a fresh schema of the server named by
``$DEADLINE_TUI_TEST_PG`` (start one with ``.ci/pg-cluster start DIR``) and into a private
Taskwarrior, then times whole processes alternately, ours then theirs, R rounds each:
``summary`` / ``task summary``, ``done`` / ``task ID done``, ``add`` / ``task add``.
The summary also just after another user's change (the local copy is of an older state)
and with no local copy (deleted before each run). Then the TUI's first frame with data
against a minimal Textual app. Also the storage
time of one durable change in-process (``update`` of one task: row lock,
write, change log, commit; the server runs with fsync and synchronous_commit on).
Prints medians and ratios; budgets: summary <= 0,5x, done and add <= 0,2x, one change
<= 20 ms.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from bench.generate import SEED, _done_targets
from bench.layout import DATA_DIR, MINIMAL_APP, OUT_DIR, find_programs
from bench.measure import first_frame
from bench.suite import MINIMAL_MARKER, TUI_MARKER, clean_env
from bench.taskwarrior import Taskwarrior
from deadline_tui.demo.generate import generate_tasks


def _url(conninfo: str, schema: str) -> str:
    from tests.server.pg import url_for_schema

    return url_for_schema(conninfo, schema)


def _build(
    conninfo: str, size: int, today: date, programs: object
) -> tuple[str, Taskwarrior, list[tuple[int, int]]]:
    import psycopg

    from deadline_tui.storage.server import schema
    from deadline_tui.storage.server.book import ServerBook
    from deadline_tui.storage.server.connect import connect

    name = f"bench_{size}"
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
        conn.execute(f'CREATE SCHEMA "{name}"')
    url = _url(conninfo, name)
    with connect(url, autocommit=True) as conn:
        schema.upgrade(conn, name)
    tasks = generate_tasks(size, seed=SEED, today=today)
    book = ServerBook.open(url, user="bench")
    stored = book.add_many(tasks)
    book.close()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    warrior = Taskwarrior(size, programs.task)  # type: ignore[attr-defined]
    if not warrior.is_built():
        warrior.build(stored)
    return url, warrior, _done_targets(stored)


def _time(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=True)  # fmt: skip
    return time.perf_counter() - started


def _change_one(url: str, task_id: int) -> None:
    """Another user's change of one task (untimed)."""
    from deadline_tui.storage.server.book import ServerBook

    book = ServerBook.open(url, user="bench")
    book.update(task_id, lambda t: t._replace(note=t.note + "+"))
    book.close()


def _durable_change_ms(url: str, rounds: int) -> float:
    from deadline_tui.storage.server.book import ServerBook

    book = ServerBook.open(url, user="bench")
    times = []
    for n in range(rounds):
        started = time.perf_counter()
        book.update(1 + n, lambda t: t._replace(note=t.note + "."))
        times.append(time.perf_counter() - started)
    book.close()
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.server")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    conninfo = os.environ.get("DEADLINE_TUI_TEST_PG")
    if not conninfo:
        raise SystemExit("bench.server: set DEADLINE_TUI_TEST_PG (see .ci/pg-cluster)")
    programs = find_programs()
    today = date.today()
    url, warrior, targets = _build(conninfo, args.size, today, programs)
    home = DATA_DIR / "server-home"
    home.mkdir(parents=True, exist_ok=True)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    env = clean_env(home)
    tw_env = warrior.env(env)
    shutil.rmtree(warrior.data, ignore_errors=True)
    shutil.copytree(warrior.pristine, warrior.data)
    ours = [str(programs.deadline_tui), "--db", url]
    pairs = {
        "summary": (lambda n: [*ours, "summary"], lambda n: warrior.argv("summary")),
        "done": (
            lambda n: [*ours, "done", str(targets[n][0])],
            lambda n: warrior.argv(str(targets[n][1]), "done"),
        ),
        "add": (
            lambda n: [*ours, "add", f"Bench {n}", "--unit", "Sở Y tế", "--due", "31/12/2027"],
            lambda n: warrior.argv("add", f"Bench {n}", "due:2027-12-31"),
        ),
    }
    # The summary again in the two states that are not the warm normal case: just after
    # someone else changed a task (the local copy is of an older state: it is brought up
    # to date), and with no local copy at all (the first run on this machine).
    pairs["summary, after another's change"] = pairs["summary"]
    pairs["summary, no local copy"] = pairs["summary"]
    prepare = {
        "summary, after another's change": lambda n: _change_one(url, 1000 + n),
        "summary, no local copy": lambda n: shutil.rmtree(
            Path(env["XDG_CACHE_HOME"]) / "deadline-tui", ignore_errors=True
        ),
    }
    print(f"size {args.size}, {args.rounds} rounds, medians (whole processes, alternating)")
    for name, (mine, theirs) in pairs.items():
        _time(mine(args.rounds), env)  # warm-up (bytecode, server caches)
        _time(theirs(args.rounds), tw_env)
        a, b = [], []
        for n in range(args.rounds):
            prepare.get(name, lambda n: None)(n)
            a.append(_time(mine(n), env))
            b.append(_time(theirs(n), tw_env))
        ma, mb = statistics.median(a), statistics.median(b)
        print(
            f"{name:33} ours {ma * 1000:7.0f} ms  "
            f"taskwarrior {mb * 1000:7.0f} ms  ratio {ma / mb:.2f}"
        )
    frames: dict[str, list[float]] = {"ours": [], "minimal": []}
    for n in range(args.rounds + 1):  # (the first pair warms up)
        ours_run = first_frame(ours, marker=TUI_MARKER, env=env, cwd=home,
                               transcript=OUT_DIR / "server-tui.screen")  # fmt: skip
        minimal_run = first_frame(
            [str(programs.python), str(MINIMAL_APP), MINIMAL_MARKER],
            marker=MINIMAL_MARKER, env=env, cwd=home,
        )  # fmt: skip
        if n and ours_run.ok and minimal_run.ok:
            frames["ours"].append(ours_run.seconds)
            frames["minimal"].append(minimal_run.seconds)
    if frames["ours"]:
        fa, fb = statistics.median(frames["ours"]), statistics.median(frames["minimal"])
        print(
            f"TUI first frame ours {fa * 1000:7.0f} ms  minimal app {fb * 1000:7.0f} ms  "
            f"ratio {fa / fb:.2f}"
        )
    else:
        print("TUI first frame: no successful run (see bench/.out/server-tui.screen)")
    print(
        f"one durable change (in-process update): {_durable_change_ms(url, 50):.1f} ms median of 50"
    )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
