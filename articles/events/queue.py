"""Enqueueing so that a task exists exactly when the change that asked for it committed.

With the database backend the task row is written in the current transaction: it commits with
the change or not at all, and a crash between the two cannot lose it. Any other backend is asked
after the commit, so a rolled-back change runs nothing. A task due later waits in the database
(`run_after`); a backend that cannot wait leaves it to `dispatch.hand_on_due`. One due already
keeps its time too, so that of the tasks due the worker takes the earliest first.
"""

from datetime import datetime
from functools import partial

from django.db import transaction
from django.utils import timezone
from django_tasks.base import Task
from django_tasks_db import DatabaseBackend


def enqueue(task: Task, *args, at: datetime | None = None) -> None:
    backend = task.get_backend()
    if at is not None and at > timezone.now() and not backend.supports_defer:
        return
    if at is not None and backend.supports_defer:
        task = task.using(run_after=at)
    if isinstance(backend, DatabaseBackend):
        task.enqueue(*args)
    else:
        transaction.on_commit(partial(task.enqueue, *args))
