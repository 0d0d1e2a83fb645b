"""The inter-process lock: exclusive across processes, re-entrant within one object,
released when its holder dies, and a timeout that says so."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from deadline_tui.storage.lock import FileLock, LockTimeout

HOLDER = """
import sys, time
from deadline_tui.storage.lock import FileLock
lock = FileLock(sys.argv[1], timeout=5)
lock.acquire()
print("held", flush=True)
sys.stdin.readline()  # hold until told, or until killed
"""


def test_a_lock_held_by_another_process_times_out_and_frees_when_it_dies(tmp_path: Path) -> None:
    path = tmp_path / "tasks.json.lock"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(LockTimeout):
            FileLock(path, timeout=0.2).acquire()
        holder.kill()  # SIGKILL: the operating system releases the lock
        holder.wait(timeout=10)
        lock = FileLock(path, timeout=5)
        lock.acquire()
        assert lock.is_locked
        lock.release()
    finally:
        if holder.poll() is None:
            holder.kill()


def test_two_lock_objects_in_one_process_exclude_each_other(tmp_path: Path) -> None:
    path = tmp_path / "tasks.json.lock"
    with FileLock(path, timeout=1), pytest.raises(LockTimeout):
        FileLock(path, timeout=0.1).acquire()


def test_the_lock_is_reentrant_and_release_is_checked(tmp_path: Path) -> None:
    lock = FileLock(tmp_path / "x.lock", timeout=1)
    with lock:
        with lock:
            assert lock.is_locked
        assert lock.is_locked
    assert not lock.is_locked
    with pytest.raises(RuntimeError):
        lock.release()
