"""The inter-process lock: exclusive across processes and lock objects, released when its
holder dies, a timeout that says so, and no lock through a name unlinked under it."""

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


def test_taking_twice_and_releasing_unheld_are_refused(tmp_path: Path) -> None:
    lock = FileLock(tmp_path / "x.lock", timeout=1)
    with lock:
        assert lock.is_locked
        with pytest.raises(RuntimeError):
            lock.acquire()
    assert not lock.is_locked
    with pytest.raises(RuntimeError):
        lock.release()


def test_a_directory_lock_excludes_and_its_files_can_come_and_go(tmp_path: Path) -> None:
    with FileLock(tmp_path, timeout=1):
        (tmp_path / "anything.lock").unlink(missing_ok=True)
        with pytest.raises(LockTimeout):
            FileLock(tmp_path, timeout=0.1).acquire()
    with FileLock(tmp_path, timeout=1) as lock:
        assert lock.is_locked
