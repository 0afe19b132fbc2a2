"""The article card every listing shows, written without a template: each text is escaped."""

import pytest
from django.utils.safestring import mark_safe

from articles.cards import CARD_COLUMNS, card_html, card_rows, card_values, listed_article
from articles.models import Article, ArticleKind, Byline, ContentWarning, bylines_of, warnings_of
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


def test_a_row_brings_its_bylines_and_warnings_in_print_order():
    """`card_values` loads a card's bylines and warnings with its row, in the order the queries of
    their own give, with every text as stored."""
    ana, tom, li = (AuthorFactory(name=name) for name in ("Ana Ribeiro", 'Tom "T" Weiß', "李 伟"))
    article = ArticleFactory(authors=[ana, tom])
    # Positions out of the keys' order, and a tie broken by the key.
    Byline.objects.create(article=article, author=li, position=0)
    # Warnings shown in the opposite order to the one they were written in.
    spoilers = (ContentWarning.Kind.SPOILERS, "Low Tide <at> Marrow Bay")
    for position, (kind, subject) in enumerate([spoilers, (ContentWarning.Kind.GRIEF, "")]):
        ContentWarning.objects.create(
            article=article,
            kind=kind,
            text=f"Warning {position}",
            subject=subject,
            position=1 - position,
        )
    bare = ArticleFactory(authors=[])

    rows = card_values(Article.objects.order_by("pk"), CARD_COLUMNS)
    found = {row[0]: listed_article(row, CARD_COLUMNS) for row in rows}

    loaded = found[article.pk]
    expected_bylines = bylines_of([article.pk])[article.pk]
    assert [b.pk for b in loaded.ordered_bylines] == [b.pk for b in expected_bylines]
    names = [byline.author.name for byline in loaded.ordered_bylines]
    assert names == ["Ana Ribeiro", "李 伟", 'Tom "T" Weiß']
    assert loaded.byline_names == 'Ana Ribeiro, 李 伟 and Tom "T" Weiß'
    expected_warnings = warnings_of([article.pk])[article.pk]

    def shown(warnings):
        return [(w.pk, w.kind, w.text, w.subject, w.subject_slug, w.position) for w in warnings]

    assert shown(loaded.ordered_warnings) == shown(expected_warnings)
    assert [w.badge for w in loaded.ordered_warnings] == [
        "Content warning: Grief or loss",
        "Spoilers: Low Tide <at> Marrow Bay",
    ]
    assert (found[bare.pk].ordered_bylines, found[bare.pk].ordered_warnings) == ([], [])


def test_a_card_made_from_its_row_alone_matches_one_made_from_its_loaded_rows(
    django_assert_num_queries,
):
    article = ArticleFactory(
        authors=[AuthorFactory(name="Dana Whitfield"), AuthorFactory(name="Marcus Ellis")],
        spoiler_warning="Spoils the finale.",
        spoiler_warning__subject="The Long Night",
    )
    (loaded,) = card_rows([Article.objects.get(pk=article.pk)]).values()
    expected = card_html(loaded)

    with django_assert_num_queries(1):
        (row,) = card_values(Article.objects.filter(pk=article.pk), CARD_COLUMNS)
        from_row = listed_article(row, CARD_COLUMNS)
        (ready,) = card_rows([from_row]).values()
        html = card_html(ready)

    assert html == expected
    assert '<p class="byline">By Dana Whitfield and Marcus Ellis</p>' in html
    assert "Spoilers: The Long Night" in html


@pytest.mark.parametrize("kind", [*ArticleKind.values, "retired-kind"])
def test_a_cards_kind_label_is_the_kinds_display_name(kind):
    article = Article(kind=kind, headline="Labelled", slug="labelled")
    article.ordered_bylines, article.ordered_warnings = [], []

    assert article.kind_label == article.get_kind_display()
    assert card_html(article).count(f'<span class="kind-label">{article.kind_label}:</span>') == 1
