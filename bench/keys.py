"""TUI keystrokes, one action at a time, driven by Textual's Pilot (DESIGN section 10's TUI row).

``python -m bench.keys [SIZE ...] [--repeat N]`` opens the TUI headless on a book of
SIZE tasks (bench.generate's tasks, relative to today), waits until it is idle, then
presses keys and times each action until the screen has settled: the worker it started
is done and the next frame is drawn. CPU is the process's (every thread: the storage
thread's work counts), wall is what the user waits, including debounce timers. Printed
as a Markdown table of p50/p90 per action and size.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from bench.generate import SEED, SIZES, _write_database
from bench.layout import DATA_DIR

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from deadline_tui.tui.app import DeadlineApp
    from deadline_tui.tui.screens.main import MainScreen
    from deadline_tui.tui.widgets.task_table import TaskTable

SEARCH_WORDS = ("bao cao", "ke hoach")  # typed letter by letter; each letter is a sample


@dataclass
class Samples:
    """CPU and wall seconds per action."""

    cpu: dict[str, list[float]] = field(default_factory=dict)
    wall: dict[str, list[float]] = field(default_factory=dict)

    def add(self, action: str, cpu: float, wall: float) -> None:
        self.cpu.setdefault(action, []).append(cpu)
        self.wall.setdefault(action, []).append(wall)


def book(size: int, today: date) -> Path:
    """The generated book of ``size`` tasks for ``today`` (made once a day)."""
    from deadline_tui.demo.generate import generate_tasks

    path = DATA_DIR / f"keys-{size}-{today.isoformat()}.json"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        for old in DATA_DIR.glob(f"keys-{size}-*.json"):
            old.unlink()
        _write_database(generate_tasks(size, seed=SEED, today=today), path)
    return path


def _listener(worker: object) -> bool:
    """The server book's change listener: a thread that runs as long as the app does."""
    work = getattr(worker, "_work", None)
    return getattr(getattr(work, "func", None), "__name__", "") == "_listen"


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (p50, p90) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


class Session:
    """One app under Pilot, and the samples taken from it."""

    def __init__(self, app: DeadlineApp, pilot: Pilot[int], size: int) -> None:
        self.app = app
        self.pilot = pilot
        self.size = size
        self.samples = Samples()

    def main(self) -> MainScreen:
        from deadline_tui.tui.screens.main import MainScreen

        screen = self.app.screen_stack[0]
        assert isinstance(screen, MainScreen)
        return screen

    @property
    def table(self) -> TaskTable:
        from deadline_tui.tui.widgets.task_table import TaskTable

        return self.main().query_one(TaskTable)

    async def settled(self, condition: Callable[[], bool]) -> None:
        """Wait until ``condition`` holds and no worker runs, then for one more frame."""
        give_up = time.monotonic() + 120
        while not (condition() and all(w.is_finished or _listener(w) for w in self.app.workers)):
            if time.monotonic() > give_up:
                raise RuntimeError(f"bench.keys: {self.size} tasks never settled")
            await self.pilot.pause(0.002)
        await self.pilot.pause()  # the frame

    async def timed(self, action: str, key: str, done: Callable[[], bool]) -> None:
        """Press ``key`` and record the CPU and wall time until ``done`` and settled."""
        cpu, wall = time.process_time(), time.perf_counter()
        await self.pilot.press(key)
        await self.settled(done)
        self.samples.add(action, time.process_time() - cpu, time.perf_counter() - wall)

    def focused(self, widget_id: str) -> Callable[[], bool]:
        return lambda: self.app.focused is not None and self.app.focused.id == widget_id

    def new_table(self) -> Callable[[], bool]:
        """True once the table shows new rows (from now on)."""
        generation = self.table.generation
        return lambda: self.table.generation > generation

    async def cursor_and_focus(self, repeat: int) -> None:
        table = self.table
        for _ in range(repeat * 3):
            before = table.cursor
            await self.timed("cursor down", "down", lambda before=before: table.cursor > before)  # type: ignore[misc]
        for _ in range(repeat):
            await self.timed("focus search (/)", "slash", self.focused("filter-search"))
            await self.timed("back to table (Esc)", "escape", lambda: table.has_focus)
            await self.timed("focus cut-off (a)", "a", self.focused("filter-as-of"))
            await self.pilot.press("escape")
            await self.settled(lambda: table.has_focus)

    async def search_and_filter(self, repeat: int) -> None:
        from textual.widgets import Input

        await self.pilot.press("slash")
        search = self.main().query_one("#filter-search", Input)
        for word in SEARCH_WORDS[: max(1, repeat // 3)]:
            for letter in word:
                key = "space" if letter == " " else letter
                await self.timed("search keystroke", key, self.new_table())
            done = self.new_table()
            search.value = ""
            await self.settled(done)
        await self.pilot.press("escape")
        await self.settled(lambda: self.table.has_focus)
        for _ in range(repeat):
            await self.timed("status filter (f)", "f", self.new_table())
        if self.main().query_state.task_filter.status != "all":
            done = self.new_table()
            await self.pilot.press("c")
            await self.settled(done)

    async def screens(self, repeat: int) -> None:
        main = self.main()
        for _ in range(repeat):
            await self.timed("summary open (s)", "s", summary_shown(self.app))
            await self.timed("summary close (Esc)", "escape", lambda: self.app.screen is main)
        if not any(getattr(b, "action", "") == "month_view" for b in main.BINDINGS):
            return  # measuring a version without the month view
        for _ in range(repeat):
            await self.timed("month view open (m)", "m", month_shown(self.app))
            await self.timed("month: next day (→)", "right", month_shown(self.app))
            await self.timed("month: next month (])", "right_square_bracket", month_shown(self.app))
            await self.pilot.press("escape")
            await self.settled(lambda: self.app.screen is main)


async def measure(size: int, db: Path | str, repeat: int, terminal: tuple[int, int]) -> Samples:
    """Open the TUI on ``db`` (a desk book's path or a server book's URL) and time every
    action ``repeat`` times (typing: per letter)."""
    from deadline_tui.config import Settings
    from deadline_tui.tui.app import DeadlineApp

    base = Settings()
    where = {"url": db} if isinstance(db, str) else {"path": db}
    settings = base._replace(database=base.database._replace(**where))
    app = DeadlineApp(settings, reminders=False)
    async with app.run_test(size=terminal) as pilot:
        session = Session(app, pilot, size)
        await session.settled(lambda: session.main().loaded)
        await pilot.pause(0.5)
        await session.cursor_and_focus(repeat)
        await session.search_and_filter(repeat)
        await session.screens(repeat)
    return session.samples


def summary_shown(app: object) -> Callable[[], bool]:
    """The summary screen is on top and shows its figures."""
    from textual.widgets import Static

    from deadline_tui.tui.screens.summary import SummaryScreen

    def check() -> bool:
        screen = app.screen  # type: ignore[attr-defined]
        if not isinstance(screen, SummaryScreen):
            return False
        return bool(str(screen.query_one("#summary-sentence", Static).render()))

    return check


def month_shown(app: object) -> Callable[[], bool]:
    """The month view is on top and drawn (its counts for the month under the cursor)."""

    def check() -> bool:
        screen = app.screen  # type: ignore[attr-defined]
        return type(screen).__name__ == "MonthScreen" and bool(getattr(screen, "ready", False))

    return check


def table(results: dict[int, Samples]) -> str:
    """Markdown: one row per action, CPU and wall p50/p90 in ms per size."""
    sizes = sorted(results)
    actions: list[str] = []
    for samples in results.values():
        actions += [a for a in samples.cpu if a not in actions]
    head = "| action | " + " | ".join(f"{size:,}".replace(",", ".") for size in sizes) + " |"
    lines = [
        head,
        "|---|" + "---|" * len(sizes),
        "| (CPU p50 / p90 · wall p50 / p90, ms) |" + " |" * len(sizes),
    ]
    for action in actions:
        cells = []
        for size in sizes:
            cpu = results[size].cpu.get(action)
            wall = results[size].wall.get(action)
            if not cpu or not wall:
                cells.append("–")
                continue
            cells.append(
                f"{percentile(cpu, 0.5) * 1000:.0f} / {percentile(cpu, 0.9) * 1000:.0f} · "
                f"{percentile(wall, 0.5) * 1000:.0f} / {percentile(wall, 0.9) * 1000:.0f}"
            )
        lines.append(f"| {action} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(prog="python -m bench.keys", description=__doc__)
    parser.add_argument("sizes", nargs="*", type=int, default=list(SIZES))
    parser.add_argument("--repeat", type=int, default=10, help="samples per action")
    parser.add_argument("--width", type=int, default=160)
    parser.add_argument("--height", type=int, default=45)
    parser.add_argument(
        "--url", help="measure the server book at this URL instead (e.g. bench.server's: "
        "its schema bench_100000); SIZE is then only the label"
    )  # fmt: skip
    args = parser.parse_args()
    today = date.today()
    results: dict[int, Samples] = {}
    if args.url:
        size = args.sizes[0] if args.sizes else 0
        terminal = (args.width, args.height)
        results[size] = asyncio.run(measure(size, args.url, args.repeat, terminal))
        print(table(results))
        return
    for size in args.sizes:
        source = book(size, today)
        with tempfile.TemporaryDirectory(prefix="bench-keys-") as scratch:
            db = Path(scratch) / "tasks.json"
            shutil.copyfile(source, db)
            results[size] = asyncio.run(measure(size, db, args.repeat, (args.width, args.height)))
        print(f"{size}: done", flush=True)
    print(table(results))


if __name__ == "__main__":
    main()
