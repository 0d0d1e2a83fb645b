"""Where the benchmark keeps its files, and which programs it runs.

Everything it generates lives under ``bench/.data`` (task books, Taskwarrior data, working
copies) and ``bench/.out`` (the output of the last run of every command), both ignored
by git, so a run never touches the project's own data.
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
DATA_DIR = BENCH_DIR / ".data"
OUT_DIR = BENCH_DIR / ".out"
RESULTS_FILE = BENCH_DIR / "RESULTS.md"
QUICK_RESULTS_FILE = OUT_DIR / "RESULTS-quick.md"
MINIMAL_APP = BENCH_DIR / "minimal_app.py"

DB_NAME = "tasks.json"
GNU_TIME = Path("/usr/bin/time")  # reports a program's own peak memory (see measure.py)


@dataclass(frozen=True, slots=True)
class Programs:
    """The executables measured: ours from the virtualenv running the benchmark (so the
    benchmark measures the code checked out here), Taskwarrior from the PATH."""

    python: Path
    deadline_tui: Path
    task: Path


def find_programs() -> Programs:
    """The programs, or SystemExit naming the one that is missing."""
    bin_dir = Path(sys.prefix) / "bin"
    python = bin_dir / "python"
    ours = bin_dir / "deadline-tui"
    if not ours.exists():
        raise SystemExit(f"bench: {ours} not found; run `make venv` first")
    task = shutil.which("task")
    if task is None:
        raise SystemExit(
            "bench: Taskwarrior (`task`) is not installed (apt-get install taskwarrior)"
        )
    if not GNU_TIME.exists():
        raise SystemExit(f"bench: {GNU_TIME} (GNU time) is missing (apt-get install time)")
    return Programs(python if python.exists() else Path(sys.executable), ours, Path(task))


def book_file(size: int) -> Path:
    """Our database as generated (never opened by a measured command)."""
    return DATA_DIR / f"tasks-{size}.json"


def manifest_file(size: int) -> Path:
    """What the generator made for ``size`` and on which day."""
    return DATA_DIR / f"manifest-{size}.json"


def taskwarrior_dir(size: int) -> Path:
    """Taskwarrior's taskrc, import file, pristine data and working data for ``size``."""
    return DATA_DIR / f"tw-{size}"


def work_dir(size: int) -> Path:
    """The working copy of our database that measured commands open and change."""
    return DATA_DIR / f"work-{size}"


def warm_dir(size: int) -> Path:
    """The saved warm state (the database) every measured run starts from."""
    return DATA_DIR / f"warm-{size}"
