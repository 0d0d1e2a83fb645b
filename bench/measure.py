"""Timing whole processes: wall time from launch to exit (or to a first frame) and peak memory.

Why whole processes: what a user waits for includes interpreter start-up and imports,
which in-process timers miss.

Why peak memory comes from GNU time (``/usr/bin/time -f %M``) and not from ``os.wait4``:
on Linux a process's ``ru_maxrss`` starts from the high-water mark of the memory it was
forked from, and exec keeps it. A child forked by this (large) Python process would
report at least this process's peak, whatever it ran. GNU time is small and forks the
measured program itself, so its figure is the program's own. The wall time is still
taken here, around the whole launch, the same way for our programs and the baselines.

A TUI never exits by itself, so its time is taken through a pseudo-terminal: from just
before the fork until a marker string appears in what the program draws; the program is
then killed. Only what the terminal receives counts, so the marker proves the frame was
actually written, not merely composed.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import tempfile
import termios
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.layout import GNU_TIME


@dataclass(frozen=True, slots=True)
class Run:
    """One measured process."""

    seconds: float
    peak_kib: int
    ok: bool = True
    detail: str = ""


@dataclass(slots=True)
class Series:
    """Repeated runs of one command; failed runs are kept apart from the figures."""

    label: str
    runs: list[Run] = field(default_factory=list)

    @property
    def good(self) -> list[Run]:
        return [run for run in self.runs if run.ok]

    @property
    def failures(self) -> list[Run]:
        return [run for run in self.runs if not run.ok]

    @property
    def median(self) -> float | None:
        good = self.good
        return statistics.median(run.seconds for run in good) if good else None

    @property
    def low(self) -> float | None:
        good = self.good
        return min(run.seconds for run in good) if good else None

    @property
    def high(self) -> float | None:
        good = self.good
        return max(run.seconds for run in good) if good else None

    @property
    def peak_kib(self) -> int | None:
        """Median peak RSS (KiB) over the good runs."""
        good = self.good
        return int(statistics.median(run.peak_kib for run in good)) if good else None


@dataclass(slots=True)
class Pair:
    """Our command and its baseline, measured interleaved in the same session."""

    name: str
    ours: Series
    baseline: Series

    @property
    def ratio(self) -> float | None:
        """Median of ours over median of the baseline (below 1: we are faster)."""
        ours, base = self.ours.median, self.baseline.median
        return ours / base if ours is not None and base else None


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def _metered(argv: Sequence[str], peak_file: Path) -> list[str]:
    """``argv`` run under GNU time, which writes the program's peak RSS (KiB) to ``peak_file``."""
    return [str(GNU_TIME), "-f", "%M", "-o", str(peak_file), *argv]


def _peak(peak_file: Path) -> int:
    # GNU time puts "Command exited with non-zero status N" (or "terminated by signal")
    # on a line of its own before the figure.
    try:
        lines = peak_file.read_text(encoding="utf-8").split()
        return int(lines[-1])
    except (OSError, ValueError, IndexError):
        return 0
    finally:
        peak_file.unlink(missing_ok=True)


def _peak_file() -> Path:
    handle, name = tempfile.mkstemp(prefix="bench-peak-", suffix=".txt")
    os.close(handle)
    return Path(name)


def run_process(
    argv: Sequence[str],
    *,
    env: dict[str, str],
    cwd: Path,
    stdout: Path,
    stderr: Path,
    timeout: float = 300.0,
) -> Run:
    """Run ``argv`` to completion with output to files; time it and take its peak RSS."""
    peak_file = _peak_file()
    with stdout.open("wb") as out, stderr.open("wb") as err:
        start = time.perf_counter()
        child = subprocess.Popen(
            _metered(argv, peak_file),
            env=env,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
        )
        watchdog = threading.Timer(timeout, _kill_group, (child.pid,))
        watchdog.start()
        try:
            code = child.wait()
        finally:
            watchdog.cancel()
        seconds = time.perf_counter() - start
    peak = _peak(peak_file)
    if code == 0:
        return Run(seconds, peak)
    tail = stderr.read_text(encoding="utf-8", errors="replace").strip()[-300:]
    return Run(seconds, peak, ok=False, detail=f"exit {code}: {tail}")


def _kill_group(pid: int) -> None:
    """Kill GNU time and the program it runs (a timed-out run)."""
    for child in _children(pid):
        _kill(child)
    _kill(pid)


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text(encoding="ascii")
    except OSError:
        return []
    return [int(word) for word in text.split()]


def _read_until(fd: int, needle: bytes, deadline: float, seen: bytearray) -> float | None:
    """Read the terminal into ``seen`` until ``needle`` shows up (returns when it did),
    the program closes the terminal or ``deadline`` passes (returns None)."""
    while (left := deadline - time.perf_counter()) > 0:
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            return None
        try:
            chunk = os.read(fd, 1 << 16)
        except OSError:  # EIO: the child closed the terminal (it exited)
            return None
        if not chunk:
            return None
        searched_up_to = max(0, len(seen) - len(needle) + 1)
        seen += chunk
        if seen.find(needle, searched_up_to) >= 0:
            return time.perf_counter()
    return None


def first_frame(
    argv: Sequence[str],
    *,
    marker: str,
    env: dict[str, str],
    cwd: Path,
    columns: int = 140,
    lines: int = 40,
    timeout: float = 60.0,
    transcript: Path | None = None,
) -> Run:
    """Seconds from launch until ``marker`` reaches the terminal; the program is then killed.

    The window size is set on the child's side of the terminal before it starts, so the
    program sees ``columns`` x ``lines`` from its first query.
    """
    needle = marker.encode("utf-8")
    peak_file = _peak_file()
    command = _metered(argv, peak_file)
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: size the terminal, then become GNU time running the program
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
            os.chdir(cwd)
            os.execve(command[0], command, env)
        finally:
            os._exit(127)
    deadline = start + timeout
    seen = bytearray()
    found_at: float | None = None
    try:
        found_at = _read_until(fd, needle, deadline, seen)
    finally:
        programs = _children(pid)
        if found_at is not None and programs:
            for program in programs:  # not GNU time: it still writes the program's peak RSS
                _kill(program)
        else:
            _kill_group(pid)
        os.waitpid(pid, 0)
        os.close(fd)
    peak = _peak(peak_file)
    if transcript is not None:
        transcript.write_bytes(bytes(seen))
    if found_at is None:
        reason = "timed out" if time.perf_counter() >= deadline else "exited"
        if transcript is not None:  # kept apart: the next run overwrites the transcript
            kept = transcript.with_suffix(".failed")
            kept.write_bytes(bytes(seen))
            reason += f" before the marker (screen in {kept.name})"
        return Run(time.perf_counter() - start, peak, ok=False, detail=reason)
    return Run(found_at - start, peak)


Measure = Callable[[int], Run]
"""Runs one measurement; the argument numbers the run (0 is the warm-up)."""


def interleaved(
    ours: Measure,
    baseline: Measure,
    runs: int,
    *,
    before: Callable[[], None] | None = None,
) -> tuple[list[Run], list[Run]]:
    """``runs`` measurements of each, alternating baseline and ours (B, A, B, A, ...) so a
    change in machine load hits both; one untimed warm-up of each first (page cache,
    compiled bytecode). ``before`` runs before every measurement (to restore data)."""
    timed_ours: list[Run] = []
    timed_base: list[Run] = []
    for index in range(runs + 1):
        for measure, sink in ((baseline, timed_base), (ours, timed_ours)):
            if before is not None:
                before()
            run = measure(index)
            if index > 0:
                sink.append(run)
    return timed_ours, timed_base


def repeated(measure: Measure, runs: int, *, before: Callable[[], None] | None = None) -> list[Run]:
    """``runs`` measurements after one untimed warm-up."""
    timed: list[Run] = []
    for index in range(runs + 1):
        if before is not None:
            before()
        run = measure(index)
        if index > 0:
            timed.append(run)
    return timed


def timed_calls(call: Callable[[], object], repeats: int) -> list[float]:
    """Wall times of ``repeats`` in-process calls (after one untimed call)."""
    call()
    times: list[float] = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return times
