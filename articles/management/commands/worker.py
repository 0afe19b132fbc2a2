"""`manage.py worker`: the background worker production runs beside the site.

The database task backend's worker (`db_worker`, with all its options), after re-queueing what
a stopped worker left: events that fell due and deliveries not yet sent (`events.dispatch`). A
worker killed mid-task leaves that task marked running for good; the work itself is kept in
the outbox's rows, so nothing is lost and, being unique per recipient, nothing is sent twice.
"""

from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker

from articles.events.dispatch import resume


class Command(DatabaseWorker):
    help = (
        "Run background tasks (alerts, webhooks, title cards): re-queue what was left, then "
        "work the queue."
    )

    def handle(self, *args, **options):
        refuse_an_unmigrated_database()
        resume()
        return super().handle(*args, **options)


def refuse_an_unmigrated_database() -> None:
    """Stop, saying what to do, where the queue's and the outbox's tables are missing or not yet
    as this release reads them: a worker started before `migrate`."""
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        first, _ = plan[0]
        raise CommandError(
            f"The database is not migrated yet ({len(plan)} migrations to apply, the first "
            f"{first.app_label}.{first.name}): run `manage.py migrate` before starting the "
            "worker."
        )
