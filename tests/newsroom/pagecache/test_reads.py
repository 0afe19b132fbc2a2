"""Reads kept for one save: a change inside `keeping_reads()` retires what it retires outside.

Each step of a piece's life is made twice from the same rows, once reading everything and once
inside `keeping_reads()`, and must retire the same tags both times: the row saved again, its
topics, bylines and warnings changed after it, the same instance saved twice, a relink that
changes nothing, and a piece leaving the public.
"""

import pytest
from django.db import transaction
from taggit.models import Tag

from articles.cache_tags import author_tag
from articles.models import Byline, ContentWarning
from articles.workflow import publishing
from newsroom import pagecache
from newsroom.pagecache import retiring
from tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db


def steps(article, eli, markets, culture):
    def headline():
        article.headline = "A second headline"
        article.save()

    def twice():
        article.dek = "Saved again"
        article.save()
        article.save()

    yield "headline", headline
    yield "tagged", lambda: article.tags.add(markets)
    yield "byline", lambda: Byline.objects.create(article=article, author=eli, position=1)
    yield "saved twice", twice
    yield "untagged", lambda: article.tags.remove(culture)
    yield "spoiler", lambda: ContentWarning.objects.create(article=article, text="the end")
    yield "byline gone", lambda: Byline.objects.filter(article=article, position=0).delete()
    yield "same tags", lambda: article.tags.set([markets])
    yield "unpublished", lambda: publishing.unpublish(article)
    yield "tagged unseen", lambda: article.tags.add(culture)


def retired_by_step(article, eli, monkeypatch) -> list[tuple[str, set[str]]]:
    retired: set[str] = set()
    real = retiring._retire

    def note(tags, *, using):
        retired.update(tags)
        real(tags, using=using)

    monkeypatch.setattr(retiring, "_retire", note)
    markets, culture = Tag.objects.get(name="Markets"), Tag.objects.get(name="Culture")
    seen = []
    for name, step in steps(article, eli, markets, culture):
        retired.clear()
        step()
        seen.append((name, set(retired)))
    return seen


def test_a_save_keeping_its_reads_retires_what_one_reading_everything_does(article, monkeypatch):
    eli = AuthorFactory(name="Eli Okafor", slug="eli")
    Tag.objects.create(name="Markets", slug="markets")
    state = {"headline": article.headline, "dek": article.dek}

    with transaction.atomic():
        reading = retired_by_step(article, eli, monkeypatch)
        transaction.set_rollback(True)
    article.refresh_from_db()
    assert (article.headline, article.dek) == (state["headline"], state["dek"])
    with transaction.atomic(), pagecache.keeping_reads():
        keeping = retired_by_step(article, eli, monkeypatch)

    assert keeping == reading
    assert all(tags for name, tags in reading if name not in {"same tags", "tagged unseen"})


def test_a_kept_read_lasts_until_a_row_it_depends_on_changes(article, django_assert_num_queries):
    story = pagecache.tags_of(article)

    with pagecache.keeping_reads():
        pagecache.tags_of(article)
        with django_assert_num_queries(0):
            assert pagecache.tags_of(article) == story
        Byline.objects.create(article=article, author=AuthorFactory(slug="eli"), position=1)
        with django_assert_num_queries(0):
            grown = pagecache.tags_of(article)
    assert grown == pagecache.tags_of(article) > story
    assert author_tag(Byline.objects.get(position=1).author_id) in grown


def test_retiring_by_hand_forgets_every_kept_read(article, django_assert_num_queries):
    with pagecache.keeping_reads():
        pagecache.tags_of(article)
        Byline.objects.filter(article=article).update(position=3)
        pagecache.retire({"news"})
        with django_assert_num_queries(1):
            pagecache.tags_of(article)


def test_outside_a_block_every_call_reads(article, django_assert_num_queries):
    # What a piece shows (its topics, authors and spoiler warning) is one query.
    with django_assert_num_queries(1):
        pagecache.tags_of(article)
    with django_assert_num_queries(1):
        pagecache.tags_of(article)
