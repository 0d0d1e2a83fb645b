"""Accepted drafts of a document into the book: checked first, then one batch.

Every draft is checked as a typed task would be (title, lead unit, deadline phrase read
by the one reader, anchored on the document's date); if any is bad, nothing is written
and each bad draft is named. Drafts already in the book (same title, lead, source and
deadline) are skipped, so importing a document twice adds nothing the second time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from deadline_tui.domain.task import Task
from deadline_tui.domain.vntext import format_date
from deadline_tui.extract.model import Document, Draft
from deadline_tui.i18n import t
from deadline_tui.services.drafts import CheckedDraft, TaskDraft
from deadline_tui.services.importer import identity
from deadline_tui.services.tasks import Prepared, TaskService
from deadline_tui.storage.book import bulk_change


@dataclass(frozen=True, slots=True)
class Reviewed:
    """What the review hands over: the source applying to all, its date (day-first
    text, the assignment date; empty: today) and the accepted drafts."""

    source: str
    assigned: str
    drafts: tuple[Draft, ...]

    @classmethod
    def all_of(cls, document: Document) -> Reviewed:
        """Every draft accepted as read (``--yes``, ``--dry-run``)."""
        dated = format_date(document.dated) if document.dated else ""
        return cls(document.source, dated, document.drafts)


@dataclass
class DocumentPlan:
    """What importing the drafts would store, and why not if it cannot."""

    prepared: list[Prepared] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    bad: int = 0
    duplicates: int = 0

    @property
    def task_count(self) -> int:
        """Tasks that would be stored (a recurring draft stores its occurrences)."""
        return sum(len(item.tasks) for item in self.prepared)


def task_draft(source: str, assigned: str, draft: Draft) -> TaskDraft:
    """The typed-task form of a draft: the document is its source, its date the
    assignment date."""
    return TaskDraft(
        title=draft.title,
        lead_unit=draft.lead_unit or "",
        deadline=draft.deadline_text,
        source=source,
        support_units=draft.support_units,
        assigned=assigned,
    )


def draft_problems(
    check: Callable[[TaskDraft], CheckedDraft], reviewed: Reviewed
) -> list[tuple[Draft, str]]:
    """Each accepted draft that cannot be stored, with why."""
    problems: list[tuple[Draft, str]] = []
    for draft in reviewed.drafts:
        checked = check(task_draft(reviewed.source, reviewed.assigned, draft))
        problems += [(draft, problem.error.message()) for problem in checked.problems]
    return problems


def plan_document(service: TaskService, reviewed: Reviewed) -> DocumentPlan:
    """Check every draft; report, do not write."""
    plan = DocumentPlan()
    seen = {identity(task) for task in service.repo.tasks()}
    for draft in reviewed.drafts:
        checked = service.check(task_draft(reviewed.source, reviewed.assigned, draft))
        if not checked.ok:
            plan.bad += 1
            plan.problems += [
                t(
                    "extract_draft_problem",
                    section=draft.section,
                    title=draft.title[:60],
                    message=problem.error.message(),
                )
                for problem in checked.problems
            ]
            continue
        prepared = service.prepare(checked)
        key = identity(prepared.tasks[0])
        if key in seen:
            plan.duplicates += 1
            continue
        seen.add(key)
        plan.prepared.append(prepared)
    return plan


def store_plan(service: TaskService, plan: DocumentPlan) -> list[Task]:
    """Store a plan without problems in one durable write (backups before and after it)."""
    if plan.problems or not plan.prepared:
        return []
    with bulk_change(service.repo), service.repo.batch():
        # Checked again under the lock: the same document imported at the same time by
        # another program may have stored these drafts since the plan was made.
        present = {identity(task) for task in service.repo.tasks()}
        kept = [item for item in plan.prepared if identity(item.tasks[0]) not in present]
        plan.duplicates += len(plan.prepared) - len(kept)
        plan.prepared = kept
        return service.store(kept) if kept else []
