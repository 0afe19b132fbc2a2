"""Deep pages of a large archive: found by position, with the same rows OFFSET would give."""

from datetime import timedelta

import pytest
from django.core.paginator import EmptyPage
from django.utils import timezone

from articles import pagination
from articles.models import Article
from articles.views.listings import AuthorArticlesView
from tests.conftest import NOTHING_KEPT
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(monkeypatch):
    """31 articles, some sharing a publication time, with deep pages starting at page 3."""
    monkeypatch.setattr(pagination, "OFFSET_PAGES", 2)
    monkeypatch.setattr(pagination, "BOUNDS_PER_BLOCK", 2)  # several blocks of page bounds
    author = AuthorFactory(slug="dana")
    moment = timezone.now() - timedelta(days=1)
    for n in range(31):
        # Pairs share a time, so the order falls back to the primary key at page boundaries.
        ArticleFactory(
            headline=f"Piece {n}",
            authors=[author],
            published_at=moment - n // 2 * timedelta(hours=1),
        )
    return list(Article.objects.published())


def paginate(per_page=3, name="test"):
    return pagination.ArchivePaginator(
        Article.objects.published(), per_page, name=name, tags=["news"]
    )


def test_every_deep_page_holds_the_rows_offset_would_give(archive):
    paginator = paginate()

    for number in paginator.page_range:
        expected = archive[(number - 1) * 3 : number * 3]
        assert list(paginator.page(number).object_list) == expected, number


def test_the_index_pages_through_the_whole_archive_in_order(client, archive, settings):
    settings.PAGE_CACHE_SECONDS = 0
    featured_free = [a.headline for a in archive]
    seen = []
    for number in range(1, 4):
        seen += [a.headline for a in client.get(f"/news/?page={number}").context["articles"]]

    assert seen == featured_free


def test_a_deep_page_skips_rows_by_position_not_offset(archive, django_assert_num_queries):
    paginator = paginate()
    paginator.page(5)  # notes the page boundaries once

    with django_assert_num_queries(1) as queries:
        list(paginate().page(7).object_list)

    assert "OFFSET" not in queries.captured_queries[0]["sql"].upper()


def test_the_last_pages_are_found_from_the_end_of_the_listing(archive, django_assert_num_queries):
    paginator = paginate()
    paginator.count  # noqa: B018 (kept like the rest of the listing's values)

    with django_assert_num_queries(2) as queries:  # its bound, then its rows
        last = list(paginator.page(11).object_list)

    assert last == archive[30:]
    assert "ROW_NUMBER" not in queries.captured_queries[0]["sql"].upper()
    assert "ASC" in queries.captured_queries[0]["sql"].upper()


def test_the_page_bounds_are_noted_in_the_listing_order_not_sorted_again(
    archive, django_assert_num_queries
):
    # Ordered by the window's position, PostgreSQL sorted the whole listing again (on disk at
    # 100,000 pieces) after the index had given it in that order.
    # The count, every page's bound, then the page's rows.
    with django_assert_num_queries(3) as queries:
        assert list(paginate().page(5).object_list) == archive[12:15]

    noted = queries.captured_queries[1]["sql"].upper()
    assert "ROW_NUMBER" in noted
    assert "ORDER BY ROW_NUMBER" not in noted


@pytest.mark.usefixtures("nothing_kept")
@pytest.mark.parametrize("number", [3, 5, 7, 9, 11])
def test_with_nothing_kept_a_deep_page_reads_its_one_bound_by_position(
    archive, django_assert_num_queries, number
):
    """Noting every page's bound would serve this request alone: the one bound is read from
    the listing's nearer end, by position over its index."""
    with django_assert_num_queries(3) as queries:  # the count, the bound, the rows
        listed = list(paginate().page(number).object_list)

    assert listed == archive[(number - 1) * 3 : number * 3]
    bound = queries.captured_queries[1]["sql"].upper()
    assert "ROW_NUMBER" not in bound
    assert ("ASC" in bound) == (number > 6)  # from the end past the middle


@pytest.mark.usefixtures("nothing_kept")
def test_with_nothing_kept_the_index_shows_its_last_page_and_count(
    client, archive, django_assert_num_queries
):
    ArticleFactory(headline="Featured", is_featured=True)
    client.get("/news/?page=3")

    # As on any deep page: the featured piece, the count, the bound, the rows, the settings,
    # the navigation and the spoiler subjects.
    with django_assert_num_queries(7):
        response = client.get("/news/?page=3")

    assert [a.headline for a in response.context["articles"]] == [a.headline for a in archive[24:]]
    assert response.context["paginator"].count == 31
    assert "Page 3 of 3" in response.text
    assert client.get("/news/?page=4").status_code == 404


@pytest.mark.parametrize("kept", [True, False], ids=["kept", "nothing kept"])
def test_a_compiled_listing_finds_the_rows_offset_would_give_on_every_page(
    client, archive, monkeypatch, settings, kept
):
    """An author's listing pages through queries compiled once: its deep pages start after their
    predecessor's last row, found from the listing's end or from the noted bounds."""
    monkeypatch.setattr(AuthorArticlesView, "paginate_by", 3)  # 11 pages
    settings.PAGE_CACHE_SECONDS = 0
    if not kept:
        settings.CACHES = NOTHING_KEPT

    for number in range(1, 12):
        response = client.get(f"/news/authors/dana/?page={number}")
        listed = [article.pk for article in response.context["articles"]]
        assert listed == [article.pk for article in archive[(number - 1) * 3 : number * 3]], number
    assert client.get("/news/authors/dana/?page=12").status_code == 404


def test_the_count_is_taken_once_until_the_content_changes(archive, django_assert_num_queries):
    assert paginate().count == 31

    with django_assert_num_queries(0):
        assert paginate().count == 31

    ArticleFactory()
    with django_assert_num_queries(1):
        assert paginate().count == 32


def test_page_bounds_follow_a_change_in_the_archive(archive):
    paginate().page(5)
    newest = ArticleFactory(headline="Newest of all")

    paginator = paginate()

    assert paginator.page(1).object_list[0] == newest
    assert list(paginator.page(5).object_list) == archive[11:14]


def test_an_empty_listing_has_one_empty_page():
    paginator = pagination.ArchivePaginator(Article.objects.none(), 3, tags=["news"])

    assert paginator.count == 0
    assert list(paginator.page(1).object_list) == []


def test_a_page_beyond_the_last_is_404(client, archive):
    assert client.get("/news/?page=99").status_code == 404
    assert client.get("/news/?page=0").status_code == 404


class ListedPages:
    """A listing's compiled pages (`pagination.CompiledPages`) over a list, noting each query
    they stand for."""

    def __init__(self, items: list):
        self.items = items
        self.queries = []

    def count(self) -> int:
        self.queries.append("count")
        return len(self.items)

    def rows(self, low: int, high: int) -> list:
        if high > low:  # as `CompiledLookup`, no query for an empty slice
            self.queries.append("rows")
        return self.items[low:high]

    def counted_rows(self, low: int, high: int) -> tuple[list, int | None]:
        self.queries.append("rows and count")
        found = self.items[low:high]
        return found, len(self.items) if found else None


def compiled_paginator(items: list, *, orphans: int = 0) -> tuple:
    compiled = ListedPages(items)
    paginator = pagination.ArchivePaginator(
        Article.objects.none(), 3, orphans=orphans, name="listed", tags=["news"], compiled=compiled
    )
    return paginator, compiled


@pytest.mark.usefixtures("nothing_kept")
@pytest.mark.parametrize(
    ("number", "expected", "more"),
    [(1, [0, 1, 2], True), (2, [3, 4, 5], True), (3, [6], False), ("3", [6], False)],
)
def test_with_nothing_kept_a_page_brings_the_count_in_the_same_query(number, expected, more):
    paginator, compiled = compiled_paginator(list(range(7)))

    page = paginator.page(number)

    assert list(page.object_list) == expected
    assert (paginator.count, paginator.num_pages, page.has_next()) == (7, 3, more)
    # A page number given as text is checked the usual way: the count, then the rows.
    assert compiled.queries == (["count", "rows"] if number == "3" else ["rows and count"])


@pytest.mark.usefixtures("nothing_kept")
def test_with_nothing_kept_the_last_page_takes_its_orphans_and_none_follows():
    paginator, compiled = compiled_paginator(list(range(7)), orphans=1)

    assert list(paginator.page(2).object_list) == [3, 4, 5, 6]
    assert paginator.num_pages == 2
    assert compiled.queries == ["rows and count"]

    # Page 3 would hold an orphan alone: it is past the end, as without the count in the rows.
    paginator, compiled = compiled_paginator(list(range(7)), orphans=1)
    with pytest.raises(EmptyPage):
        paginator.page(3)
    assert compiled.queries == ["rows and count"]


@pytest.mark.usefixtures("nothing_kept")
def test_with_nothing_kept_a_page_without_rows_is_decided_by_the_count():
    paginator, compiled = compiled_paginator(list(range(7)))
    with pytest.raises(EmptyPage):
        paginator.page(4)
    assert compiled.queries == ["rows and count", "count"]

    paginator, compiled = compiled_paginator([])
    assert list(paginator.page(1).object_list) == []
    assert paginator.count == 0
    assert compiled.queries == ["rows and count", "count"]


def test_with_a_cache_a_page_and_its_count_are_kept_apart(settings):
    """The count is kept on its own (in parts, see `count_parts`), so it is not fetched with
    a page's rows."""
    paginator, compiled = compiled_paginator(list(range(7)))
    paginator.count_parts = lambda name: {"all": len(compiled.items)}

    assert list(paginator.page(2).object_list) == [3, 4, 5]
    assert compiled.queries == ["rows"]


@pytest.mark.usefixtures("nothing_kept")
def test_with_nothing_kept_a_listing_pages_to_its_end_and_not_beyond(client):
    author = AuthorFactory(slug="dana")
    for n in range(14):
        ArticleFactory(headline=f"Piece {n}", authors=[author])
    newest_first = [a.headline for a in Article.objects.published()]

    first, second = client.get("/news/authors/dana/"), client.get("/news/authors/dana/?page=2")

    assert [a.headline for a in first.context["articles"]] == newest_first[:12]
    assert [a.headline for a in second.context["articles"]] == newest_first[12:]
    assert (first.context["paginator"].count, second.context["paginator"].num_pages) == (14, 2)
    assert 'rel="next"' in first.text
    assert 'rel="next"' not in second.text
    assert client.get("/news/authors/dana/?page=3").status_code == 404
    assert client.get("/news/authors/dana/?page=0").status_code == 404


def test_the_page_links_are_read_as_their_words_alone(client, settings):
    # A screen reader read "leftwards arrow, Newer": the arrows are drawn, not spoken.
    settings.CACHES = NOTHING_KEPT
    ArticleFactory.create_batch(30)

    html = client.get("/news/", {"page": 2}).content.decode()

    assert '<a rel="prev" href="?page=1"><span aria-hidden="true">←</span> Newer</a>' in html
    assert '<a rel="next" href="?page=3">Older <span aria-hidden="true">→</span></a>' in html


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ({"page": 2}, "News · Page 2 · Newsroom"),
        ({"kind": "news", "page": 2}, "News · Page 2 · Newsroom"),
        ({"tag": "culture", "page": 2}, "News · Culture · Page 2 · Newsroom"),
        ({"tag": "culture"}, "News · Culture · Newsroom"),
    ],
)
def test_each_page_of_the_index_has_a_title_of_its_own(client, query, title):
    # A filtered listing's second page was titled as its first: a reader going by the window's
    # title, or by a screen reader's, could not tell them apart.
    ArticleFactory.create_batch(30, tag_names=["Culture"])

    html = client.get("/news/", query).content.decode()

    assert f"<title>{title}</title>" in html
