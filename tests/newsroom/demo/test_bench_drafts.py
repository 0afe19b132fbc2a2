"""The benchmark's editor and what it measures in process: drafts made, saved and published as
the admin would, the reader's mix, and the first request after a publication."""

import pytest
from django.core.management import call_command

from articles.models import Article
from newsroom.demo import bench_drafts
from newsroom.demo.bench_drafts import (
    DRAFT_SLUG_PREFIX,
    bench_author,
    edit,
    keep_editing,
    make_draft,
    remove_drafts,
)
from newsroom.demo.bench_setup import Target, has_corpus, measure_after_publishing, mixed_paths

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus():
    call_command("make_corpus", articles=30, images=0, batch_size=30, verbosity=0)


def test_a_draft_is_ready_to_publish_by_the_benchmarks_author(corpus):
    author = bench_author()

    draft = make_draft(author=author)

    assert draft.status == Article.Status.DRAFT
    assert draft.published_at is None
    assert draft.slug.startswith(DRAFT_SLUG_PREFIX)
    assert [byline.author for byline in draft.bylines.all()] == [author]
    assert sorted(draft.tags.slugs()) == ["culture", "product"]
    assert draft not in Article.objects.published()


def test_an_edit_changes_the_headline_and_text_without_piling_up(corpus):
    draft = make_draft(author=bench_author())
    version = draft.version

    edit(draft, 1)
    edit(draft, 2)
    draft.refresh_from_db()

    assert draft.headline.endswith(" · edit 2")
    assert draft.headline.count("edit") == 1
    assert draft.body.endswith("<p>Edit 2 of the text.</p>")
    assert draft.body.count("<p>Edit ") == 1
    assert draft.version == version + 2


class Clock:
    """The editor's clock, on which a save takes a millisecond however busy the machine is: its
    schedule, not the machine's speed, decides how many saves fit."""

    def __init__(self):
        self.now = 0.0

    def monotonic(self) -> float:
        self.now += 0.001
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += max(seconds, 0)


def test_the_editor_saves_on_its_schedule_and_publishes_through_the_workflow(corpus, monkeypatch):
    monkeypatch.setattr(bench_drafts, "time", Clock())
    log = keep_editing(duration=0.5, save_every=0.1, publish_every=0.3, author=bench_author())

    assert log.publishes == 1
    assert log.published_after_s == [0.3]
    # At 0.1, 0.2, 0.3 (after the publication, on the next draft) and 0.4 seconds.
    assert log.saves == 4
    assert log.failures == []
    published = Article.objects.published().filter(slug__startswith=DRAFT_SLUG_PREFIX)
    assert published.count() == 1
    assert Article.objects.filter(slug__startswith=DRAFT_SLUG_PREFIX).count() == 2  # and the next
    assert log.summary()["median_save_ms"] > 0


def test_the_benchmarks_articles_go_away_and_the_corpus_keeps_its_size(corpus):
    author = bench_author()
    make_draft(author=author)
    make_draft(author=author)

    assert has_corpus(30)
    assert remove_drafts() == 2
    assert Article.objects.count() == 30
    assert remove_drafts() == 0


def test_the_readers_mix_holds_the_index_new_and_old_articles_authors_and_tags(corpus):
    targets = [
        Target("index", "/news/"),
        Target("article", "/news/some-article/"),
        Target("author", bench_author().get_absolute_url()),
        Target("tag", "/news/tags/culture/"),
    ]

    paths = mixed_paths(targets, articles=6)

    newest = Article.objects.published().order_by("-published_at").first()
    oldest = Article.objects.published().order_by("published_at").first()
    assert paths[:5] == ["/news/", "/news/?page=2", *(t.path for t in targets[1:])]
    assert newest.get_absolute_url() in paths
    assert sum(path.startswith("/news/authors/") for path in paths) == 4
    assert sum(path.startswith("/news/tags/") for path in paths) == 4
    assert len(paths) == len(set(paths)) == 5 + 6 + 3 + 3
    assert oldest.get_absolute_url() not in paths[:8]


def test_the_first_request_after_publishing_is_measured_on_each_page(corpus, settings):
    settings.ROOT_URLCONF = "newsroom.demo.bench_urls"
    targets = [
        Target("index", "/news/"),
        Target("article", Article.objects.published().first().get_absolute_url()),
        Target("author", bench_author().get_absolute_url()),
    ]

    figures = measure_after_publishing(targets, times=2)

    assert [row["page"] for row in figures] == ["index", "article", "author"]
    assert all(row["queries"] > 0 and row["ms"] > 0 for row in figures)
    assert Article.objects.published().filter(slug__startswith=DRAFT_SLUG_PREFIX).count() == 6
