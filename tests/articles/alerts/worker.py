"""The database task queue as the alert tests drive it: what waits in it, and workers run on it.

`work_the_queue` starts a worker as production does (`manage.py worker`, which first re-queues
what a stopped one left); `keep_working` is a worker that has been running all along
(django-tasks' own `db_worker`, which re-queues nothing); `run_ahead` runs one waiting task
before those queued ahead of it, as a second worker taking it meanwhile does;
`the_database_reaches` brings the database's clock to a piece's time the site's clock passed.
"""

from django.core.management import call_command
from django.db.models.functions import Now
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from articles.models import Article
from newsroom.pagecache import schedule

WORKER_OPTIONS = ("--batch", "--interval", "0", "--no-startup-delay")


def waiting_tasks(task):
    return DBTaskResult.objects.filter(task_path=task.module_path, status="READY")


def work_the_queue():
    call_command("worker", *WORKER_OPTIONS, verbosity=0)


def keep_working():
    call_command("db_worker", *WORKER_OPTIONS, verbosity=0)


def run_ahead(task, *args) -> None:
    """Run the one waiting `task` with `args` now, as a worker runs what it claims."""
    [waiting] = [row for row in waiting_tasks(task) if row.args_kwargs["args"] == list(args)]
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name=waiting.backend_name,
        startup_delay=False,
        max_tasks=None,
        worker_id="ahead",
        excluded_queue_names=[],
    )
    waiting.claim(worker.worker_id)
    worker.run_task(waiting)
    waiting.refresh_from_db()
    assert waiting.status == "SUCCESSFUL", waiting.traceback


def the_database_reaches(piece: Article, clock) -> None:
    """The database's clock, which a test cannot move, reaches the time of `piece` that the
    site's `clock` passed: its time becomes the database's now (an update, which tells
    nobody), and the site's clock moves on by as much as the two may be apart, when alerts
    waiting for the piece to be public go (`articles.alerts.channel.send_alerts`)."""
    Article.objects.filter(pk=piece.pk).update(published_at=Now())
    clock.move(schedule.CLOCKS_APART)
