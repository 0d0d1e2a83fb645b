"""Working copies that every measured run starts from in the same state.

Why: a measured command may change its data (``done`` does by design; the TUI may record
reminders it delivered right after its first frame, before it is killed). A changed
database also misses the derived copy in the user cache, which would turn the next
"warm" run into a cold one. So before a run the working files are compared with a saved
state and copied back if anything differs; how often that was needed for commands that
should only read is reported, since it means a "read-only" run wrote.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from pathlib import Path

Signature = tuple[int, int, int]


def _signature(path: Path) -> Signature | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


class SavedState:
    """Named files of a working directory, saved once and put back on demand."""

    def __init__(self, work: Path, saved: Path, names: Sequence[str]) -> None:
        self.work = work
        self.saved = saved
        self.names = tuple(names)
        self._expected: dict[str, Signature | None] = {}

    def save(self) -> None:
        """Take the working files as the state to return to."""
        shutil.rmtree(self.saved, ignore_errors=True)
        self.saved.mkdir(parents=True)
        for name in self.names:
            source = self.work / name
            if source.exists():
                shutil.copy2(source, self.saved / name)
        self._remember()

    def _remember(self) -> None:
        self._expected = {name: _signature(self.work / name) for name in self.names}

    def changed_names(self) -> list[str]:
        """The working files that differ from when they were last saved or restored."""
        return [n for n, sig in self._expected.items() if _signature(self.work / n) != sig]

    def changed(self) -> bool:
        """Whether any working file differs from when it was last saved or restored."""
        return bool(self.changed_names())

    def restore(self, *, force: bool = False) -> bool:
        """Put the saved files back if they changed (or always, with ``force``); leftover
        temporary files of interrupted writes go too. Returns whether files were copied."""
        for leftover in self.work.glob("*.tmp-*"):  # pathlib's "*" matches dot files too
            leftover.unlink(missing_ok=True)
        if not force and not self.changed():
            return False
        for name in self.names:
            target = self.work / name
            saved = self.saved / name
            if saved.exists():
                temp = target.with_name(f"{name}.bench-restore")
                shutil.copy2(saved, temp)
                os.replace(temp, target)
            else:
                target.unlink(missing_ok=True)
        # Flush the copies now: a measured durable write (fsync) must not pay for
        # writing back data this benchmark put there.
        os.sync()
        self._remember()
        return True
