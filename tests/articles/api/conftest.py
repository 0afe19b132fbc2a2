"""A newsroom for the API's tests: public pieces of each shape, and pieces no reader may see."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from articles.models import Article, ContentWarning
from tests.factories import ArticleFactory, AuthorFactory

SPOILER_BODY = (
    '<p>The season ends well. <span class="spoiler">The captain was the thief.</span></p>'
    '<p><a href="/news/plain/">Another piece</a>.</p>'
)


@pytest.fixture
def newsroom():
    """Dana's news story and her op-ed cross-posted from LinkedIn with Eli, a piece held behind
    its warning, and a draft, a scheduled, an embargoed and a withdrawn piece, all by Ghost and
    on Secrets, whom nothing public shows."""
    now = timezone.now()
    dana = AuthorFactory(name="Dana Whitfield", slug="dana")
    eli = AuthorFactory(name="Eli Okafor", slug="eli", role="Editor", organisation="")
    ghost = AuthorFactory(name="Ghost Writer", slug="ghost")
    pieces = {
        "story": ArticleFactory(
            headline="Harbour reopens",
            slug="story",
            authors=[dana],
            tag_names=["Culture"],
            published_at=now - timedelta(days=3),
        ),
        "op-ed": ArticleFactory(
            kind=Article.Kind.OP_ED,
            headline="What a TV show teaches us about work",
            slug="tv-show",
            introduction="<p>Dana wrote this for her LinkedIn.</p>",
            body=SPOILER_BODY,
            origin_url="https://www.linkedin.com/pulse/tv-show-dana/",
            origin_published_on=date(2025, 1, 14),
            spoiler_warning="contains spoilers for season one",
            spoiler_warning__subject="Low Tide",
            authors=[dana, eli],
            tag_names=["Television", "Culture"],
            published_at=now - timedelta(days=2),
        ),
        "held": ArticleFactory(
            headline="A year after the storm",
            slug="held",
            hold_behind_warning=True,
            authors=[eli],
            published_at=now - timedelta(days=1),
        ),
    }
    ContentWarning.objects.create(
        article=pieces["held"], kind=ContentWarning.Kind.GRIEF, text="describes a bereavement"
    )
    hidden = {"authors": [ghost], "tag_names": ["Secrets"]}
    pieces |= {
        "draft": ArticleFactory(slug="draft", status=Article.Status.DRAFT, **hidden),
        "in-review": ArticleFactory(slug="in-review", status=Article.Status.IN_REVIEW, **hidden),
        "scheduled": ArticleFactory(
            slug="scheduled", published_at=now + timedelta(hours=1), **hidden
        ),
        "embargoed": ArticleFactory(
            slug="embargoed",
            embargoed_until=now + timedelta(days=1),
            published_at=now + timedelta(days=1),
            **hidden,
        ),
        "withdrawn": ArticleFactory(
            slug="withdrawn",
            status=Article.Status.UNPUBLISHED,
            published_at=now - timedelta(days=5),
            **hidden,
        ),
    }
    return pieces


PUBLIC = ["held", "tv-show", "story"]  # newest first
HIDDEN = ["draft", "in-review", "scheduled", "embargoed", "withdrawn"]


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]
