"""The article card every listing shows, written without a template: each text is escaped."""

import pytest
from django.utils.safestring import mark_safe

from articles.cards import card_html, card_rows
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script> & "quoted"'


def test_every_text_on_a_card_is_escaped(client):
    ArticleFactory(
        headline=HOSTILE,
        dek=HOSTILE,
        authors=[AuthorFactory(name=HOSTILE)],
        spoiler_warning="Spoils the ending.",
        spoiler_warning__subject=HOSTILE,
    )

    html = client.get("/news/").content.decode()

    assert "<script>alert" not in html
    escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quoted&quot;"
    assert f"</span> {escaped}</a></h2>" in html  # the headline
    assert f'<p class="card__dek">{escaped}</p>' in html
    assert f'<p class="byline">By {escaped}</p>' in html
    assert html.count('<span class="badge badge--warning">') == 1
    assert escaped in html.split('<span class="badge badge--warning">')[1].split("</span>")[0]


def test_a_search_snippet_keeps_its_marks_and_plain_text_is_escaped():
    article = ArticleFactory(headline="Ferry news")
    (article,) = card_rows([article]).values()

    marked = card_html(article, snippet=mark_safe("the <mark>ferry</mark> leaves"))
    plain = card_html(article, snippet="a <b>bold</b> claim")

    assert '<p class="card__snippet">the <mark>ferry</mark> leaves</p>' in marked
    assert '<p class="card__snippet">a &lt;b&gt;bold&lt;/b&gt; claim</p>' in plain


def test_the_heading_level_must_be_a_number():
    article = ArticleFactory()

    with pytest.raises(ValueError, match="invalid literal"):
        card_html(article, heading_level="2><script>x</script")
