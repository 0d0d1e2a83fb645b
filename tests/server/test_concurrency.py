"""Several processes on one server book at once (a slow test): 5 writers x 200 mixed
changes and 3 reminder runners claiming the same reminders. Nothing lost, nothing
doubled."""

from __future__ import annotations

import json
import multiprocessing
import random
from datetime import date, datetime
from pathlib import Path

import pytest

from deadline_tui.domain.delivery import Delivery, DeliveryState
from deadline_tui.errors import ConflictError
from deadline_tui.storage.server.book import ServerBook
from tests.factories import make_task

WRITERS, CHANGES, RUNNERS, REMINDERS = 5, 200, 3, 300


def _write(url: str, writer: int, start: multiprocessing.synchronize.Event) -> None:
    book = ServerBook.open(url, user=f"writer {writer}")
    rng = random.Random(writer)
    mine: list[int] = []
    start.wait()
    for change in range(CHANGES):
        kind = change % 4
        if kind == 0:  # add
            mine.append(
                book.add(make_task(uid=f"w{writer}-{change}", title=f"{writer}/{change}")).id
            )
        elif kind == 1:  # read-modify-write under the row lock
            book.update(1, lambda t: t._replace(note=str(int(t.note or 0) + 1)))
        elif kind == 2:  # append a token to one of my own tasks
            target = rng.choice(mine)
            book.update(target, lambda t, c=change: t._replace(result=f"{t.result}{c};"))
        else:  # a screen's edit: read, then write only if nobody changed it meanwhile
            while True:
                shown = book.get(2)
                try:
                    book.update(
                        2, lambda t: t._replace(note=str(int(t.note or 0) + 1)), expected=shown
                    )
                    break
                except ConflictError:
                    continue
    book.close()


def _claim(url: str, runner: int, start: multiprocessing.synchronize.Event, out: Path) -> None:
    book = ServerBook.open(url, user=f"runner {runner}")
    keys = [f"k{n}" for n in range(REMINDERS)]
    random.Random(runner).shuffle(keys)
    start.wait()
    mine: list[str] = []
    for offset in range(0, REMINDERS, 25):
        claims = [
            Delivery(key, "u", "due_today", date(2026, 11, 23), DeliveryState.CLAIMED,
                     datetime(2026, 11, 23, 7, 30), by=f"runner {runner}")
            for key in keys[offset : offset + 25]
        ]  # fmt: skip
        mine += [claim.key for claim in book.claim_deliveries(claims, lambda r: r is None)]
    book.close()
    out.write_text(json.dumps(mine))


@pytest.mark.slow
def test_five_writers_and_three_reminder_runners_lose_and_double_nothing(
    server_url: str, tmp_path: Path
) -> None:
    book = ServerBook.open(server_url)
    book.add_many([make_task(uid="counter-1", note="0"), make_task(uid="counter-2", note="0")])
    context = multiprocessing.get_context("spawn")
    start = context.Event()
    processes = [
        context.Process(target=_write, args=(server_url, n, start)) for n in range(WRITERS)
    ]
    processes += [
        context.Process(target=_claim, args=(server_url, n, start, tmp_path / f"runner-{n}.json"))
        for n in range(RUNNERS)
    ]
    for process in processes:
        process.start()
    start.set()
    for process in processes:
        process.join(timeout=300)
        assert process.exitcode == 0
    claimed = [json.loads((tmp_path / f"runner-{n}.json").read_text()) for n in range(RUNNERS)]
    tasks = book.tasks()
    per_kind = CHANGES // 4
    assert len(tasks) == 2 + WRITERS * per_kind
    assert book.get(1).note == str(WRITERS * per_kind)  # no lost read-modify-write
    assert book.get(2).note == str(WRITERS * per_kind)  # every conflict retried, none lost
    for writer in range(WRITERS):
        own = [t for t in tasks if t.uid.startswith(f"w{writer}-")]
        tokens = [token for t in own for token in t.result.split(";") if token]
        assert sorted(map(int, tokens)) == list(range(2, CHANGES, 4))  # each exactly once
    every = [key for keys in claimed for key in keys]
    assert len(every) == REMINDERS and len(set(every)) == REMINDERS  # each claimed once
    assert len(book.deliveries()) == REMINDERS
    assert len(book.history(1)) == 1 + WRITERS * per_kind
    book.close()
