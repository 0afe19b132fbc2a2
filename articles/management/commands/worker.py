"""`manage.py worker`: the background worker production runs beside the site.

The database task backend's worker (`db_worker`, with all its options), after re-queueing what
a stopped worker left: events that fell due and deliveries not yet sent (`events.dispatch`). A
worker killed mid-task leaves that task marked running for good; the work itself is kept in
the outbox's rows, so nothing is lost and, being unique per recipient, nothing is sent twice.
"""

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker

from articles.events.dispatch import resume


class Command(DatabaseWorker):
    help = (
        "Run background tasks (alerts, webhooks, title cards): re-queue what was left, then "
        "work the queue."
    )

    def handle(self, *args, **options):
        resume()
        return super().handle(*args, **options)
