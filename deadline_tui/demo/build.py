"""Building the demo database: a year of a provincial office's tasks, dated relative to
today, so that some are overdue, some due soon and some done; plus two recurring reports."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

from deadline_tui.demo.generate import generate_tasks
from deadline_tui.domain.status import Status, assess
from deadline_tui.services.clock import FixedClock
from deadline_tui.services.drafts import TaskDraft
from deadline_tui.services.tasks import TaskService
from deadline_tui.storage.backups import list_backups
from deadline_tui.storage.desk import DeskBook

DEMO_SEED = 2026
DEMO_COUNT = 300

_SERIES = (
    TaskDraft(
        title="Báo cáo tình hình thực hiện các nhiệm vụ UBND tỉnh giao trong tháng",
        lead_unit="Sở Kế hoạch và Đầu tư",
        deadline="trước ngày 20 hàng tháng",
        source="Chương trình 10/CTr-UBND",
        leader="PCT Thường trực Trần Minh Đức",
        follower="Nguyễn Thị Lan",
    ),
    TaskDraft(
        title="Báo cáo kết quả công tác cải cách hành chính quý",
        lead_unit="Sở Nội vụ",
        deadline="trước ngày 15 hàng quý",
        source="Kế hoạch 01/KH-UBND",
        leader="Chủ tịch UBND tỉnh Nguyễn Văn Hòa",
        follower="Trần Văn Bình",
    ),
)


def build_demo(path: Path, today: date, *, count: int = DEMO_COUNT, seed: int = DEMO_SEED) -> int:
    """(Re)create the demo database at ``path``; returns the number of tasks in it."""
    path.unlink(missing_ok=True)
    for backup in list_backups(path):
        backup.path.unlink()
    repo = DeskBook.open_or_create(path)
    try:
        # One write, a bulk change: it backs up the empty book first, and the user's first
        # change backs up the demo as built, whatever the interval (DESIGN section 9).
        with repo.batch():
            repo.back_up_next_change()
            _fill(repo, today, count, seed)
        return len(repo.tasks())
    finally:
        repo.close()


def _fill(repo: DeskBook, today: date, count: int, seed: int) -> None:
    """The generated tasks, the series and their past occurrences' reports."""
    repo.add_many(generate_tasks(count, seed=seed, today=today))
    service = TaskService(repo, FixedClock(datetime.combine(today, time(8, 0))))
    start = today - timedelta(days=300)
    for draft in _SERIES:
        service.add(replace(draft, assigned=start.strftime("%d/%m/%Y")))
    # Past occurrences were reported, most on time; the last one is still open.
    for task in repo.tasks():
        if task.series_uid is None:
            continue
        found = assess(task, today, 3)
        if found is None or found.status is not Status.OPEN_OVERDUE or found.due_on is None:
            continue
        if task.id % 4:
            done_on = found.due_on if task.id % 3 else found.due_on + timedelta(days=2)
            service.complete(task.uid, min(done_on, today))
