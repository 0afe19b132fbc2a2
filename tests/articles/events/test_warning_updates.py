"""A warning readers see changes through its save, which records the piece's `article.updated`
and works out the spoiler subject's slug: a queryset's `update()` (and `bulk_update()`, which
uses it) of what readers see is refused, naming save(), and leaves the row as it was."""

import pytest
from django.db import transaction
from django.utils import timezone

from articles.models import ContentWarning, Event
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

UPDATED = Event.Kind.UPDATED
OLD, NEW = "contains spoilers for season one", "contains spoilers for the finale"
CHANGES = {
    "text": {"text": NEW},
    "subject": {"subject": "Low Tide at Marrow Bay"},
    "subject_slug": {"subject_slug": "low-tide"},
    "kind": {"kind": ContentWarning.Kind.GRIEF},
    "position": {"position": 3},
    "article": {"article": lambda: ArticleFactory()},
}


@pytest.fixture
def warning() -> ContentWarning:
    piece = ArticleFactory(headline="Ferry returns")
    found = ContentWarning.objects.create(article=piece, text=OLD, subject="Season one")
    Event.objects.update(handled_at=timezone.now())
    return found


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_a_queryset_update_of_what_readers_see_is_refused_and_changes_nothing(warning, change):
    change = {name: value() if callable(value) else value for name, value in change.items()}
    with pytest.raises(TypeError, match=r"save\(\)") as refused:
        ContentWarning.objects.filter(pk=warning.pk).update(**change)

    assert "article.updated" in str(refused.value)
    row = ContentWarning.objects.values("text", "subject", "subject_slug", "kind").get()
    assert row == {"text": OLD, "subject": "Season one", "subject_slug": "season-one",
                   "kind": "spoilers"}  # fmt: skip
    assert not Event.objects.filter(kind=UPDATED).exists()


def test_bulk_update_of_a_warnings_subject_is_refused_too(warning):
    warning.subject = "Low Tide at Marrow Bay"
    # `bulk_update()` runs in an atomic block without a savepoint: the test gives it one.
    with pytest.raises(TypeError, match=r"save\(\)"), transaction.atomic():
        ContentWarning.objects.bulk_update([warning], ["subject"])

    assert ContentWarning.objects.get().subject_slug == "season-one"


def test_the_warnings_saved_one_by_one_record_the_update_and_their_new_slug(
    warning, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for found in ContentWarning.objects.filter(pk=warning.pk):
            found.subject = "Low Tide at Marrow Bay"
            found.save()

    assert ContentWarning.objects.get().subject_slug == "low-tide-at-marrow-bay"
    assert Event.objects.filter(kind=UPDATED, article_id=warning.article_id).count() == 1


def test_stamping_a_warning_changed_is_still_an_update(warning):
    """Nothing readers see changes: a script can still tell the alerts to build again."""
    later = timezone.now() + timezone.timedelta(minutes=5)
    assert ContentWarning.objects.filter(pk=warning.pk).update(changed_at=later) == 1

    assert ContentWarning.objects.get().changed_at == later
