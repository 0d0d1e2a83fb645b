"""What the figures were measured on: they mean little without the machine and versions."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from datetime import datetime
from importlib import metadata
from pathlib import Path

from bench.layout import PROJECT_DIR, Programs
from bench.taskwarrior import version as taskwarrior_version


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory() -> str:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return "unknown"


def _filesystem(path: Path) -> str:
    """The file system type holding ``path`` (fsync cost depends on it)."""
    best, kind = "", "unknown"
    try:
        for line in Path("/proc/mounts").read_text(encoding="utf-8").splitlines():
            parts = line.split()
            mount, fs = parts[1], parts[2]
            inside = str(path).startswith(mount.rstrip("/") + "/") or str(path) == mount
            if inside and len(mount) > len(best):
                best, kind = mount, fs
    except (OSError, IndexError):
        pass
    return f"{kind} (mounted at {best or '?'})"


def _git(*args: str) -> str:
    # Read-only: --no-optional-locks keeps `git status` from rewriting the index.
    found = subprocess.run(
        ["git", "--no-optional-locks", *args],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    return found.stdout.strip()


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def load_average() -> str:
    """The 1/5/15-minute load averages: other work on the machine explains noisy figures."""
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} / {five:.2f} / {fifteen:.2f}"


def describe(programs: Programs, data_dir: Path) -> dict[str, str]:
    """Machine and software, as label -> value."""
    cores = os.cpu_count() or 0
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    commit = _git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = _git("status", "--porcelain", "--untracked-files=no", "--", "deadline_tui")
    return {
        "Date": datetime.now().strftime("%Y-%m-%d %H:%M:%S"),
        "CPU": _cpu_model(),
        "Cores": f"{cores} ({usable} usable by this process)",
        "Memory": _memory(),
        "OS": f"{platform.system()} {platform.release()}",
        "Data file system": _filesystem(data_dir),
        "Python": sys.version.split()[0],
        "Textual": _version("textual"),
        "deadline-tui": f"{_version('deadline-tui')} at {commit}"
        + (" + uncommitted changes in deadline_tui/" if dirty else ""),
        "Taskwarrior": taskwarrior_version(programs.task),
    }
