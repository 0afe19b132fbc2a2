"""The database task queue as the alert tests drive it: what waits in it, and workers run on it.

`work_the_queue` starts a worker as production does (`manage.py worker`, which first re-queues
what a stopped one left); `keep_working` is a worker that has been running all along
(django-tasks' own `db_worker`, which re-queues nothing).
"""

from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

WORKER_OPTIONS = ("--batch", "--interval", "0", "--no-startup-delay")


def waiting_tasks(task):
    return DBTaskResult.objects.filter(task_path=task.module_path, status="READY")


def work_the_queue():
    call_command("worker", *WORKER_OPTIONS, verbosity=0)


def keep_working():
    call_command("db_worker", *WORKER_OPTIONS, verbosity=0)
