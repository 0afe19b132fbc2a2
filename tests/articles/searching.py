"""What the search tests ask of /news/search/: the slugs found, every page of results, the
summary line, and pieces enough to fill its window."""

from datetime import timedelta

from django.utils import timezone

from tests.factories import ArticleFactory


def found(client, query, **params) -> list[str]:
    response = client.get("/news/search/", {"q": query, **params})
    assert response.status_code == 200
    return [article.slug for article in response.context["articles"]]


def ferry_pieces(count: int) -> list[str]:
    """`count` public pieces about ferries, one a day: their slugs, newest first."""
    now = timezone.now()
    for n in range(count):
        ArticleFactory(
            slug=f"ferry-{n}",
            headline=f"Ferry update {n}",
            published_at=now - timedelta(days=n + 1),
        )
    return [f"ferry-{n}" for n in range(count)]


def every_page(client, query, **params) -> list[str]:
    """The slugs on every page of a search's results, in order."""
    slugs, number = [], 1
    while True:
        response = client.get("/news/search/", {"q": query, "page": number, **params})
        assert response.status_code == 200
        slugs += [article.slug for article in response.context["articles"]]
        if not response.context["page_obj"].has_next():
            return slugs
        number += 1


def summary(client, query, **params) -> str:
    html = client.get("/news/search/", {"q": query, **params}).content.decode()
    return html.split('<p class="search-summary" role="status">', 1)[1].split("</p>", 1)[0]
