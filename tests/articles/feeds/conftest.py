"""A cross-posted op-ed by two authors, and a piece with a picture, for the feeds."""

from datetime import UTC, datetime

import pytest

from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory


@pytest.fixture
def op_ed():
    dana = AuthorFactory(name="Dana Whitfield", slug="dana")
    marcus = AuthorFactory(name="Marcus Ellis", slug="marcus")
    article = ArticleFactory(
        kind=Article.Kind.OP_ED,
        headline="What a TV show teaches us about work",
        slug="tv-show",
        dek="Our co-CEO on the show the whole office is watching.",
        introduction="<p>Dana wrote this for her LinkedIn.</p>",
        body='<p>The season ends well. <a href="/news/other/">Another piece</a>.</p>',
        published_at=datetime(2025, 1, 17, 14, 0, 30, 123456, tzinfo=UTC),
        origin_url="https://www.linkedin.com/pulse/tv-show-dana/",
        spoiler_warning="contains spoilers for season one",
        authors=[dana, marcus],
        tag_names=["Television", "Culture"],
    )
    return article


@pytest.fixture
def pictured(make_upload):
    author = AuthorFactory(
        slug="ana", headshot=make_upload("ana.png", image_format="PNG", size=(300, 300))
    )
    return ArticleFactory(
        slug="pictured",
        featured_image=make_upload("harbour.jpg", size=(1600, 900)),
        featured_image_alt="The harbour at dawn",
        authors=[author],
    )
