"""The database task backend and `manage.py worker`, as production runs them: a task is stored
in the transaction of the change that asked for it, and a worker that was stopped mid-task
leaves nothing lost and nothing done twice."""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.events.dispatch import hand_on
from articles.models import Article, Event
from articles.workflow import publishing
from newsroom.pagecache import schedule
from tests.factories import ArticleFactory, AuthorFactory

ROOT = Path(__file__).resolve().parents[3]

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("database_backend")]


def work_the_queue():
    call_command("worker", "--batch", "--interval", "0", "--no-startup-delay", verbosity=0)


def draft() -> Article:
    return ArticleFactory(status=Article.Status.DRAFT, published_at=None)


def test_the_task_is_stored_with_the_change_and_the_worker_hands_it_on_once(recorder):
    article = draft()
    with transaction.atomic():
        publishing.publish(article)
        assert DBTaskResult.objects.count() == 1  # in the same transaction

    work_the_queue()
    work_the_queue()

    assert recorder.kinds == [Event.Kind.PUBLISHED]
    # The worker's start re-queued the waiting event as well: the second run found it done.
    handed = DBTaskResult.objects.filter(task_path__endswith=".hand_on")
    assert set(handed.values_list("status", flat=True)) == {"SUCCESSFUL"}


def test_a_publication_handed_on_catches_the_schedule_up_again_once_the_clocks_agree(
    recorder, clock
):
    """What is public is the database's say, and its clock may lag the app's a moment: a page
    made in that moment, without the piece, is retired once more `CLOCKS_APART` after its time,
    by the worker, since the edge may not ask the app before it keeps pages a day."""
    due = timezone.now() + timedelta(hours=1)
    publishing.publish(draft(), at=due)
    clock.move(timedelta(hours=1, seconds=1))
    work_the_queue()

    waiting = DBTaskResult.objects.get(task_path__endswith=".catch_up_schedule")
    assert waiting.status == "READY"
    assert waiting.run_after == due + schedule.CLOCKS_APART

    clock.move(schedule.CLOCKS_APART)
    work_the_queue()
    assert DBTaskResult.objects.get(pk=waiting.pk).status == "SUCCESSFUL"


def test_a_rolled_back_change_stores_no_task(recorder):
    article = draft()

    def failing_request():
        with transaction.atomic():
            publishing.publish(article)
            raise RuntimeError("the request failed after the save")

    with pytest.raises(RuntimeError):
        failing_request()
    work_the_queue()

    assert not DBTaskResult.objects.exists()
    assert not Event.objects.exists()
    assert recorder.handed == []


def test_a_scheduled_publication_waits_in_the_queue_for_its_time(recorder, clock):
    due = timezone.now() + timedelta(hours=1)
    publishing.publish(draft(), at=due)

    work_the_queue()
    assert recorder.handed == []
    assert DBTaskResult.objects.get().run_after == due

    clock.move(timedelta(hours=1, seconds=1))
    work_the_queue()
    assert recorder.kinds == [Event.Kind.PUBLISHED]


def test_a_worker_stopped_mid_task_leaves_it_to_the_next_one(recorder):
    """A killed worker leaves its task marked running for good; the next worker finds the event
    still waiting in the outbox and hands it on, once."""
    publishing.publish(draft())
    DBTaskResult.objects.update(status="RUNNING", worker_ids=["killed"])

    work_the_queue()
    work_the_queue()

    assert recorder.kinds == [Event.Kind.PUBLISHED]
    assert recorder.resumed == 2
    assert Event.objects.get().handled_at is not None


def test_a_second_run_of_the_same_task_does_nothing(recorder):
    publishing.publish(draft())
    event = Event.objects.get()
    work_the_queue()

    assert hand_on.call(event.pk) == "nothing to do"
    assert recorder.kinds == [Event.Kind.PUBLISHED]


def test_an_authors_rename_is_one_task_that_hands_on_the_update_of_each_public_piece(recorder):
    author = AuthorFactory()
    pieces = [ArticleFactory(authors=[author]) for _ in range(3)]
    Event.objects.update(handled_at=timezone.now())
    DBTaskResult.objects.all().delete()

    with transaction.atomic():
        author.name = "A New Name"
        author.save()
    [stored] = DBTaskResult.objects.all()
    work_the_queue()

    assert stored.task_path.endswith(".hand_on_each")
    assert sorted(article_id for _, article_id, _ in recorder.handed) == [p.pk for p in pieces]
    assert recorder.kinds == [Event.Kind.UPDATED] * 3
    assert not Event.objects.filter(handled_at=None).exists()


def test_the_worker_started_before_migrate_stops_saying_to_run_it(tmp_path):
    """An empty database (a first deployment whose release steps ran out of order) stops the
    worker with a line saying what to do, not a traceback of a missing table."""
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")},
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        "TASKS_BACKEND": "database",
    }
    command = [sys.executable, "manage.py", "worker", "--batch", "--no-startup-delay"]
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=60
    )

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "CommandError: The database is not migrated yet" in result.stderr
    assert "run `manage.py migrate` before starting the worker" in result.stderr
