"""The article page's head comes from `articles.seo.head`, which the change form previews too."""

import json

import pytest
from django.test import RequestFactory

from articles.seo.head import article_head
from newsroom.models import SiteSettings
from tests.articles.seo.test_structured_data import ORIGIN, head_tags
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_the_page_writes_the_title_description_and_card_that_article_head_gives(client):
    article = ArticleFactory(
        kind="op-ed",
        slug="piece",
        headline="What a TV show teaches us about work",
        seo_description="Lessons from season one & after.",
        origin_url=ORIGIN,
        spoiler_warning="contains spoilers for season one",
        tag_names=["Culture"],
    )
    html = client.get("/news/piece/").content.decode()

    head = article_head(
        article,
        request=RequestFactory().get("/"),
        site_name=SiteSettings.current().site_name,
        tags=list(article.tags.all()),
    )

    assert head.title == "Op-ed: What a TV show teaches us about work · Newsroom"
    assert f"<title>{head.title}</title>" in html
    assert '<meta name="description" content="Lessons from season one &amp; after.">' in html
    assert head.description == "Lessons from season one & after."
    tags = head_tags(html)
    assert tags.first("og:title") == head.card.title
    assert tags.first("og:description") == head.card.description
    assert tags.first("og:description").startswith("(Warning: contains spoilers for season one)")
    assert tags.og_url == [head.card.url] == [ORIGIN]


def test_a_description_from_the_text_reads_its_superscripts_and_subscripts(client):
    ArticleFactory(
        slug="piece",
        dek="",
        introduction="",
        body="<p>The claim was true<sup>3</sup>: E = mc<sup>2</sup> and CO<sub>2</sub> rose.</p>",
    )
    expected = "The claim was true³: E = mc² and CO₂ rose."

    html = client.get("/news/piece/").content.decode()
    feed = json.loads(client.get("/news/feed.json").content)

    assert f'<meta name="description" content="{expected}">' in html
    tags = head_tags(html)
    assert tags.first("og:description") == expected
    assert tags.article["description"] == expected
    assert feed["items"][0]["summary"] == expected
