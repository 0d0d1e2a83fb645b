"""A deterministic generator of realistic task books.

The same seed and day give the same tasks. Deadlines are written as documents write
them and read back through the real phrase reader, so every generated ``due_on``
is what the program itself would compute from the phrase.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from deadline_tui.demo import vocabulary as words
from deadline_tui.domain.deadlines import read_deadline
from deadline_tui.domain.task import Extension, Task, TaskState
from deadline_tui.domain.vntext import format_date

_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
_ROMAN = ("I", "II", "III", "IV")


def _uid(rng: random.Random) -> str:
    first = rng.choice(_ALPHABET[10:])
    return first + "".join(rng.choice(_ALPHABET) for _ in range(9))


def _day(value: date, rng: random.Random) -> str:
    # Documents write both 01/07/2021 and 1/7/2021.
    return (
        value.strftime("%d/%m/%Y")
        if rng.random() < 0.7
        else f"{value.day}/{value.month}/{value.year}"
    )


def _phrase(assigned: date, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.45:
        due = assigned + timedelta(days=rng.randint(10, 150))
        template = rng.choice(
            (
                "trước {d}",
                "{d}",
                "chậm nhất ngày {d}",
                "hoàn thành trước {d}",
                "trước ngày {d}",
                "trong ngày {d}",
            )
        )
        return template.format(d=_day(due, rng))
    if roll < 0.60:
        month = assigned.replace(day=1) + timedelta(days=32 * rng.randint(1, 4))
        return rng.choice(("trong tháng {m}/{y}", "tháng {m}/{y}")).format(
            m=month.month, y=month.year
        )
    if roll < 0.68:
        later = assigned + timedelta(days=rng.randint(30, 200))
        quarter = (later.month - 1) // 3
        return rng.choice(("quý {r}/{y}", "trong quý {n}/{y}")).format(
            r=_ROMAN[quarter], n=quarter + 1, y=later.year
        )
    if roll < 0.72:
        if assigned.month <= 5:
            return f"6 tháng đầu năm {assigned.year}"
        return rng.choice(
            (
                f"6 tháng cuối năm {assigned.year}",
                f"9 tháng {assigned.year}" if assigned.month <= 8 else f"cuối năm {assigned.year}",
            )
        )
    if roll < 0.80:
        days = rng.choice((5, 7, 10, 15, 20, 30))
        return rng.choice((f"trong {days} ngày kể từ ngày ký", f"{days} ngày làm việc"))
    if roll < 0.85:
        return rng.choice((f"năm {assigned.year}", f"cuối năm {assigned.year}"))
    return rng.choice(("thường xuyên", "liên tục", "thường xuyên"))


def _title(rng: random.Random) -> str:
    title = rng.choice(words.TITLES)
    tails = list(words.TAILS)
    rng.shuffle(tails)
    for tail in tails:
        if len(title) >= 100:
            break
        title += tail
    if len(title) > 200:
        title = title[:200].rsplit(" ", 1)[0]
    return title


def _state(task: Task, today: date, rng: random.Random) -> Task:
    due = task.due_on
    roll = rng.random()
    if due is None:
        if roll < 0.25:
            done = task.assigned_on + timedelta(days=rng.randint(20, 200))
            if done <= today:
                return task._replace(state=TaskState.DONE, done_on=done)
        return task
    if due < today:
        if roll < 0.62:
            if rng.random() < 0.65:
                done = max(task.assigned_on, due - timedelta(days=rng.randint(0, 10)))
            else:
                done = min(today, due + timedelta(days=rng.randint(1, 40)))
            return task._replace(state=TaskState.DONE, done_on=done)
        if roll < 0.66:
            return task._replace(state=TaskState.SUSPENDED)
        if roll < 0.69:
            return task._replace(state=TaskState.CANCELLED)
        return task
    if roll < 0.15 and task.assigned_on < today:
        span = (today - task.assigned_on).days
        return task._replace(
            state=TaskState.DONE,
            done_on=task.assigned_on + timedelta(days=rng.randint(0, span)),
        )
    return task


def _extend(task: Task, today: date, rng: random.Random) -> Task:
    if task.due_on is None or rng.random() >= 0.06:
        return task
    original = task.due_on
    recorded = max(task.assigned_on, original - timedelta(days=rng.randint(0, 5)))
    if recorded > today:
        return task
    new_due = original + timedelta(days=rng.randint(15, 60))
    extension = Extension(
        original,
        new_due,
        rng.choice(words.EXTENSION_REASONS),
        f"Công văn {rng.randint(100, 4999)}/UBND-TH",
        recorded,
    )
    return task._replace(due_on=new_due, original_due_on=original, extensions=(extension,))


def generate_tasks(count: int, *, seed: int, today: date, span_days: int = 365) -> list[Task]:
    """``count`` tasks assigned over the ``span_days`` before ``today`` (ids not set)."""
    rng = random.Random(seed)
    tasks: list[Task] = []
    for _ in range(count):
        assigned = today - timedelta(days=rng.randint(0, span_days))
        phrase = _phrase(assigned, rng)
        deadline = read_deadline(phrase, assigned)
        stamp = datetime.combine(assigned, time(8, 0))
        unit = rng.choice(words.UNITS)
        support = tuple(
            rng.sample([u for u in words.UNITS if u != unit], k=rng.choice((0, 0, 1, 2, 3)))
        )
        task = Task(
            uid=_uid(rng),
            title=_title(rng),
            lead_unit=unit,
            assigned_on=assigned,
            source=rng.choice(words.SOURCES).format(signed=format_date(assigned)),
            support_units=support,
            leader=rng.choice(words.LEADERS),
            follower=rng.choice(words.FOLLOWERS),
            deadline_text=deadline.text,
            due_on=deadline.due_on,
            created_at=stamp,
            updated_at=stamp,
        )
        task = _state(_extend(task, today, rng), today, rng)
        if task.state is TaskState.DONE and rng.random() < 0.5:
            result = rng.choice(words.RESULTS).format(n=rng.randint(10, 999), unit_code="SKHĐT")
            task = task._replace(result=result)
        tasks.append(task)
    return tasks
