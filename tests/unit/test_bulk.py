"""Bulk builds pause the cyclic collector and never strand garbage cycles."""

from __future__ import annotations

import gc
import weakref

from deadline_tui.domain.bulk import bulk_objects


class _Node:
    def __init__(self) -> None:
        self.me = self


def test_the_collector_is_paused_inside_and_restored_after() -> None:
    assert gc.isenabled()
    with bulk_objects():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_disabled_collector_stays_disabled() -> None:
    gc.disable()
    try:
        with bulk_objects():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_garbage_cycle_from_before_the_build_is_still_freed() -> None:
    node = _Node()
    alive = weakref.ref(node)
    del node  # a cycle: only the collector can free it
    with bulk_objects():
        pass
    assert alive() is None  # collected before the freeze, not stranded by it
    gc.unfreeze()


def test_what_was_built_is_frozen_and_reference_counting_still_frees_it() -> None:
    gc.unfreeze()
    with bulk_objects():
        built = [_Weakable() for _ in range(10)]
    assert gc.get_freeze_count() > 0
    probe = weakref.ref(built[0])
    del built
    assert probe() is None
    gc.unfreeze()


class _Weakable:
    pass
