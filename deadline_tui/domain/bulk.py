"""Building many long-lived objects at once without the cyclic garbage collector.

Reading a book makes hundreds of thousands of small objects (parsed JSON, tasks, their
assessments), none of them in a reference cycle. With the collector on, every few
hundred allocations trigger a pass, and the passes over the older generations rescan
everything built so far: 2-3× the work at 100.000 tasks, plus a full pass right after.
So the collector is paused while building, and what was built is then frozen (moved
out of the collector's sight: it lives as long as the data, and reference counting
still frees it).

Freezing also hides any garbage cycle that exists at that moment, for good. In a
long-running process (the TUI, the reminder daemon) closed dialogs and finished workers
are such cycles, so a full collection runs first: it only scans what is not frozen yet
(the program's own objects, not earlier books), about 10 ms. Short commands run with
the collector off, where none of this happens.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def bulk_objects() -> Iterator[None]:
    """Pause the cyclic GC for a bulk build, then freeze what exists and resume it."""
    enabled = gc.isenabled()
    if enabled:
        gc.collect()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.enable()
