"""The measurements of one size, in the order that keeps them fair.

Every whole-process figure is taken against its baseline in the same session,
interleaved, after an untimed warm-up of both. Our commands run warm (the derived copy a
first read leaves in ``$XDG_CACHE_HOME/deadline-tui/`` is present: the normal case). The
"cold" runs delete that folder first, as after another program wrote the book: the
program must parse and decode the whole book again.
Before every run the working data is put back to its saved state, so every run of a
command starts from the same book (see ``workspace``).
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from bench import inprocess
from bench.generate import Book
from bench.layout import (
    DATA_DIR,
    DB_NAME,
    MINIMAL_APP,
    OUT_DIR,
    Programs,
    book_file,
    warm_dir,
    work_dir,
)
from bench.measure import (
    Measure,
    Pair,
    Run,
    Series,
    first_frame,
    interleaved,
    repeated,
    run_process,
)
from bench.taskwarrior import DATA_FILES, Taskwarrior, task_uuid
from bench.workspace import SavedState

# The summary bar's text; it is drawn only once the book is loaded, counted and rendered.
TUI_MARKER = "đầu việc ·"
MINIMAL_MARKER = "READY"  # what bench/minimal_app.py is told to show
READ_COMMANDS: dict[str, tuple[str, ...]] = {
    "summary": ("summary",),
    "list": ("list", "--status", "overdue"),
    "remind": ("remind", "--dry-run"),
}
TASKWARRIOR_OF: dict[str, tuple[str, ...]] = {
    "summary": ("summary",),
    "list": ("+OVERDUE", "-suspended", "count"),
}
# Variables that could make a run read another config, database or Taskwarrior, or let
# the TUI's reminders reach a real desktop.
_DROPPED = (
    "DEADLINE_TUI_CONFIG",
    "DEADLINE_TUI_DB",
    "DEADLINE_TUI_DEBUG",
    "DBUS_SESSION_BUS_ADDRESS",
    "DISPLAY",
    "WAYLAND_DISPLAY",
    "TASKRC",
    "TASKDATA",
    "PYTHONPROFILEIMPORTTIME",
    "PYTHONSTARTUP",
    "NO_COLOR",
    "COLUMNS",
    "LINES",
    "PYTHONDONTWRITEBYTECODE",
    "PYTHONPYCACHEPREFIX",
)


def clean_env(home: Path) -> dict[str, str]:
    """The environment of every measured process: no config, no desktop session,
    per-user directories inside ``home`` so no user config or data is found, and
    bytecode kept under bench/.data."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in _DROPPED and not key.startswith("TEXTUAL")
    }
    env["XDG_CONFIG_HOME"] = str(home / "config")
    env["XDG_DATA_HOME"] = str(home / "data")
    env["XDG_CACHE_HOME"] = str(home / "cache")
    # Bytecode as an installed program has it: compiled once (by the warm-up runs), in a
    # tree of our own, so neither the caller's PYTHONDONTWRITEBYTECODE nor bytecode left
    # stale by edits in deadline_tui/ makes every run recompile.
    env["PYTHONPYCACHEPREFIX"] = str(DATA_DIR / "pycache")
    env["TERM"] = "xterm-256color"
    env.setdefault("LANG", "C.UTF-8")
    return env


def log(message: str) -> None:
    """Progress on stderr (the run takes minutes)."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


@dataclass(slots=True)
class SizeResults:
    """Everything measured at one size."""

    size: int
    book: Book
    generated: bool
    runs: int
    tui: Pair
    pairs: dict[str, Pair]
    remind: Series
    cold_summary: Run
    cold_tui: Run
    files: dict[str, int]
    measured: inprocess.InProcess | None = None
    textual_imports: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


class SizeBench:
    """Measures one size; :meth:`run` returns its results."""

    def __init__(
        self,
        book: Book,
        programs: Programs,
        *,
        env: dict[str, str],
        cwd: Path,
        runs: int,
        check_imports: bool,
    ) -> None:
        self.book = book
        self.size = book.size
        self.programs = programs
        self.env = env
        self.cwd = cwd
        self.runs = runs
        self.check_imports = check_imports
        self.db = work_dir(self.size) / DB_NAME
        self.ours = SavedState(work_dir(self.size), warm_dir(self.size), (DB_NAME,))
        self.derived = Path(env["XDG_CACHE_HOME"]) / "deadline-tui"
        self.tw = Taskwarrior(self.size, programs.task)
        self.tw_env = self.tw.env(env)
        self.tw_state = SavedState(self.tw.data, self.tw.pristine, DATA_FILES)
        self.wrote: Counter[str] = Counter()
        self.runs_of: Counter[str] = Counter()
        self.notes: list[str] = []

    # -- commands ----------------------------------------------------------------------

    def _out(self, label: str) -> tuple[Path, Path]:
        return OUT_DIR / f"{self.size}-{label}.out", OUT_DIR / f"{self.size}-{label}.err"

    def ours_cmd(self, label: str, words: Sequence[str]) -> Measure:
        argv = [str(self.programs.deadline_tui), "--db", str(self.db), *words]
        stdout, stderr = self._out(label)
        return lambda _index: run_process(
            argv, env=self.env, cwd=self.cwd, stdout=stdout, stderr=stderr
        )

    def task_cmd(self, label: str, words: Sequence[str]) -> Measure:
        argv = self.tw.argv(*words)
        stdout, stderr = self._out(label)
        return lambda _index: run_process(
            argv, env=self.tw_env, cwd=self.cwd, stdout=stdout, stderr=stderr
        )

    def tui(self, _index: int = 0) -> Run:
        return first_frame(
            [str(self.programs.deadline_tui), "--db", str(self.db)],
            marker=TUI_MARKER,
            env=self.env,
            cwd=self.cwd,
            transcript=OUT_DIR / f"{self.size}-tui.screen",
        )

    def minimal(self, _index: int = 0) -> Run:
        return first_frame(
            [str(self.programs.python), str(MINIMAL_APP), MINIMAL_MARKER],
            marker=MINIMAL_MARKER,
            env=self.env,
            cwd=self.cwd,
            transcript=OUT_DIR / f"{self.size}-minimal.screen",
        )

    def read_only(self, label: str, measure: Measure, state: SavedState) -> Measure:
        """``measure`` of a command that should only read: a failed warm-up is noted, and
        data the run changed is put back (and counted) before the next run."""

        def run(index: int) -> Run:
            result = measure(index)
            self.runs_of[label] += 1
            if index == 0 and not result.ok:
                self.notes.append(f"the warm-up run of `{label}` failed: {result.detail}")
            if state.changed():
                state.restore()
                self.wrote[label] += 1
            return result

        return run

    # -- the sequence ----------------------------------------------------------------------

    def prepare(self) -> Run:
        """Fresh working copies; the warm state saved; returns the cold first `summary`."""
        work = work_dir(self.size)
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        self.db.write_bytes(book_file(self.size).read_bytes())
        self.tw_state.restore(force=True)
        summary = self.ours_cmd("summary-cold", READ_COMMANDS["summary"])
        # An untimed first read compiles any changed bytecode; the timed one after it
        # starts without the derived copy, and leaves it for the warm runs.
        warm_up = summary(0)
        if not warm_up.ok:
            raise RuntimeError(f"`summary` failed at {self.size}: {warm_up.detail}")
        self.ours.save()
        shutil.rmtree(self.derived, ignore_errors=True)
        cold = summary(1)
        self.ours.restore()
        if not self.derived.exists():
            self.notes.append("the first read left no derived copy in the user cache")
        return cold

    def cold_tui(self) -> Run:
        """One TUI start without the derived copy, as right after another program wrote
        the book (after a warm start, so only the derived copy differs)."""
        self.read_only("tui (before the cold start)", self.tui, self.ours)(0)
        shutil.rmtree(self.derived, ignore_errors=True)
        cold = self.tui()
        self.ours.restore()
        return cold

    def measure_tui(self) -> Pair:
        ours, base = interleaved(
            self.read_only("tui", self.tui, self.ours), self.minimal, self.runs
        )
        return Pair("first frame", Series("deadline-tui", ours), Series("minimal app", base))

    def measure_read(self, name: str) -> Pair:
        words = READ_COMMANDS[name]
        ours = self.read_only(name, self.ours_cmd(name, words), self.ours)
        theirs_words = TASKWARRIOR_OF[name]
        theirs = self.read_only(
            f"task {name}", self.task_cmd(f"task-{name}", theirs_words), self.tw_state
        )
        timed_ours, timed_base = interleaved(ours, theirs, self.runs)
        return Pair(
            name,
            Series(" ".join(words), timed_ours),
            Series("task " + " ".join(theirs_words), timed_base),
        )

    def measure_remind(self) -> Series:
        words = READ_COMMANDS["remind"]
        runs = repeated(
            self.read_only("remind", self.ours_cmd("remind", words), self.ours), self.runs
        )
        return Series(" ".join(words), runs)

    def measure_done(self) -> Pair:
        targets = self.book.done_targets
        if len(targets) < self.runs + 1:
            raise SystemExit(f"bench: at most {len(targets) - 1} runs (open tasks set aside)")
        for our_id, tw_id in (targets[0], targets[self.runs]):
            found = self.tw.uuid_of(tw_id, self.env)
            if found != task_uuid(our_id):
                self.notes.append(
                    f"Taskwarrior id {tw_id} is {found or 'missing'}, not our task {our_id}: "
                    "`task ID done` changed a different task than `done ID`"
                )

        def ours(index: int) -> Run:
            run = self.ours_cmd("done", ("done", str(targets[index][0])))(index)
            if run.ok and not self.ours.changed():
                self.notes.append(f"`done {targets[index][0]}` exited 0 but wrote nothing")
            return run

        def theirs(index: int) -> Run:
            return self.task_cmd("task-done", (str(targets[index][1]), "done"))(index)

        def restore() -> None:
            self.ours.restore()
            self.tw_state.restore()

        timed_ours, timed_base = interleaved(ours, theirs, self.runs, before=restore)
        restore()
        return Pair("done", Series("done ID", timed_ours), Series("task ID done", timed_base))

    def textual_imports(self) -> dict[str, list[str]]:
        """Textual modules each CLI read command imports (``python -X importtime``)."""
        found: dict[str, list[str]] = {}
        for name, words in READ_COMMANDS.items():
            argv = [
                str(self.programs.python),
                "-X",
                "importtime",
                str(self.programs.deadline_tui),
                "--db",
                str(self.db),
                *words,
            ]
            stdout, stderr = self._out(f"importtime-{name}")
            run_process(argv, env=self.env, cwd=self.cwd, stdout=stdout, stderr=stderr)
            modules = [
                line.rsplit("|", 1)[-1].strip()
                for line in stderr.read_text(encoding="utf-8", errors="replace").splitlines()
                if line.startswith("import time:")
            ]
            found[name] = [m for m in modules if m == "textual" or m.startswith("textual.")]
            self.ours.restore()
        return found

    def check_counts(self) -> None:
        """Both programs must have counted the same overdue tasks, or the comparison is off."""
        expected = self.book.open_overdue
        ours_out, _ = self._out("list")
        listed = len(ours_out.read_text(encoding="utf-8").splitlines()) - 1
        theirs_out, _ = self._out("task-list")
        counted = theirs_out.read_text(encoding="utf-8").strip()
        if listed != expected or counted != str(expected):
            self.notes.append(
                f"overdue counts differ: book {expected}, `list` printed {listed} rows, "
                f"Taskwarrior counted {counted or 'nothing'}"
            )

    def files(self) -> dict[str, int]:
        sizes = {"database": self.db.stat().st_size}
        found = self.derived.rglob("*") if self.derived.exists() else ()
        sizes["derived copy"] = sum(p.stat().st_size for p in found if p.is_file())
        sizes["Taskwarrior data"] = sum(
            (self.tw.pristine / name).stat().st_size
            for name in DATA_FILES
            if (self.tw.pristine / name).exists()
        )
        return sizes

    def in_process(self, results: SizeResults, today: date) -> None:
        """The in-process timings, into ``results``. Run after every size's processes were
        measured: loading a large book grows this process, which later forks would copy."""
        self._step("in-process: storage time, status of all, figures by unit")
        targets = [our for our, _ in self.book.done_targets]
        results.measured = inprocess.measure(self.ours, self.db, targets, today, self.runs)

    def _step(self, what: str) -> None:
        log(f"{self.size}: {what}")

    def run(self, generated: bool) -> SizeResults:
        """Every whole-process measurement of this size, in order."""
        step = self._step
        step("preparing working copies, cold first read")
        cold_summary = self.prepare()
        imports = {}
        if self.check_imports:
            step("checking what the CLI imports")
            imports = self.textual_imports()
        step("TUI cold start")
        cold_tui = self.cold_tui()
        step(f"TUI first frame vs minimal app ({self.runs} runs each)")
        tui = self.measure_tui()
        pairs: dict[str, Pair] = {}
        for name in TASKWARRIOR_OF:
            step(f"{name} vs Taskwarrior")
            pairs[name] = self.measure_read(name)
        self.check_counts()
        step("remind --dry-run")
        remind = self.measure_remind()
        step("done vs task done")
        pairs["done"] = self.measure_done()
        for label, count in sorted(self.wrote.items()):
            self.notes.append(
                f"`{label}` changed its data in {count} of {self.runs_of[label]} runs "
                "(restored before the next run)"
            )
        return SizeResults(
            size=self.size,
            book=self.book,
            generated=generated,
            runs=self.runs,
            tui=tui,
            pairs=pairs,
            remind=remind,
            cold_summary=cold_summary,
            cold_tui=cold_tui,
            files=self.files(),
            textual_imports=imports,
            notes=self.notes,
        )
