from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import caching
from articles.models import Article, Author, Byline
from newsroom.dates import display_datetime
from tests.admin_forms import form_data
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/articles/article/"


def article_form(author: Author | None = None, **overrides) -> dict:
    """The POST data of the article change form, as a browser would send it."""
    data = {
        "kind": "op-ed",
        "headline": "What a TV show teaches us about work",
        "slug": "what-a-tv-show-teaches-us-about-work",
        "dek": "Lessons from season one.",
        "introduction": "<p>Our co-CEO wrote about a show.</p>",
        "body": "<p>The text of the op-ed.</p>",
        "featured_image_alt": "",
        "featured_image_caption": "",
        "featured_image_credit": "",
        "tags": "Culture, Television",
        "origin_url": "https://www.linkedin.com/pulse/what-tv-show-teaches-us-work/",
        "origin_platform": "",
        "origin_author": "",
        "origin_published_on": "",
        "indexing": "origin",
        "seo_title": "",
        "seo_description": "",
        "bylines-TOTAL_FORMS": "1" if author else "0",
        "bylines-INITIAL_FORMS": "0",
        "bylines-MIN_NUM_FORMS": "0",
        "bylines-MAX_NUM_FORMS": "1000",
        "warnings-TOTAL_FORMS": "1",
        "warnings-INITIAL_FORMS": "0",
        "warnings-MIN_NUM_FORMS": "0",
        "warnings-MAX_NUM_FORMS": "1000",
        "warnings-0-kind": "spoilers",
        "warnings-0-text": "contains spoilers for season one",
        "warnings-0-subject": "Low Tide at Marrow Bay",
        "warnings-0-position": "0",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
        "corrections-MIN_NUM_FORMS": "0",
        "corrections-MAX_NUM_FORMS": "1000",
        # The media kit's inline, on the add form and on press releases.
        "kit_items-TOTAL_FORMS": "0",
        "kit_items-INITIAL_FORMS": "0",
        "kit_items-MIN_NUM_FORMS": "0",
        "kit_items-MAX_NUM_FORMS": "1000",
    }
    if author:
        data |= {
            "bylines-0-position": "0",
            "bylines-0-author": str(author.pk),
            "bylines-0-role": "",
            "bylines-0-organisation": "",
        }
    data.update(overrides)
    return data


def errors_of(response) -> str:
    """Every error message on a re-displayed admin form, as one string."""
    assert response.status_code == 200, "expected the form again, with errors"
    form_errors = response.context["adminform"].form.errors.as_text()
    inline_errors = " ".join(
        str(formset.non_form_errors()) for formset in response.context["inline_admin_formsets"]
    )
    return form_errors + inline_errors


def test_changelist_shows_the_columns_editors_need(admin_client):
    author = AuthorFactory(name="Dana Whitfield")
    ArticleFactory(headline="Live piece", authors=[author], is_featured=True)
    ArticleFactory(headline="Tomorrow's piece", published_at=timezone.now() + timedelta(days=1))

    response = admin_client.get(ADD_URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Live piece" in html
    assert "Dana Whitfield" in html
    assert "Scheduled for" in html
    assert "UTC" in html
    for column in ["Headline", "Kind", "Status", "Publication time", "Bylines", "Featured"]:
        assert column in html


def test_changelist_filters_by_state(admin_client):
    live = ArticleFactory(headline="Live piece")
    scheduled = ArticleFactory(published_at=timezone.now() + timedelta(days=1))
    draft = ArticleFactory(status="draft")

    def listed(query):
        return list(admin_client.get(f"{ADD_URL}?{query}").context["cl"].result_list)

    assert listed("state=live") == [live]
    assert listed("state=scheduled") == [scheduled]
    assert listed("state=draft") == [draft]


def test_changelist_query_count_does_not_grow_with_articles(
    admin_client, django_assert_max_num_queries
):
    authors = AuthorFactory.create_batch(2)
    for _ in range(30):
        ArticleFactory(authors=authors, tag_names=["Culture"])
    admin_client.get(ADD_URL)  # warm the session

    with django_assert_max_num_queries(14):
        response = admin_client.get(ADD_URL)

    assert len(response.context["cl"].result_list) == 30


def full_row_reads(queries, article) -> list[str]:
    """The queries among `queries` that read `article`'s whole row."""
    return [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].startswith('SELECT "articles_article"."id", ')
        and '"articles_article"."headline"' in query["sql"]
        and f'WHERE "articles_article"."id" = {article.pk}' in query["sql"]
    ]


def test_the_change_form_reads_the_articles_row_once_for_its_panels_and_once_for_its_form(
    admin_client,
):
    article = ArticleFactory(authors=AuthorFactory.create_batch(2), tag_names=["Culture"])
    url = f"{ADD_URL}{article.pk}/change/"
    admin_client.get(url)  # warm the session

    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(url)

    assert response.status_code == 200
    assert len(full_row_reads(queries, article)) == 2, full_row_reads(queries, article)


def test_a_save_reads_the_whole_row_only_for_the_panels_and_the_form(admin_client):
    article = ArticleFactory(authors=AuthorFactory.create_batch(2), tag_names=["Culture"])
    url = f"{ADD_URL}{article.pk}/change/"
    data = form_data(admin_client.get(url), headline="A changed headline")

    with CaptureQueriesContext(connection) as queries:
        response = admin_client.post(url, data)

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "A changed headline"
    reads = full_row_reads(queries, article)
    assert len(reads) == 2, reads
    # The check for a later save by someone else locks the row and reads its version alone;
    # the page cache's note of the row before the save reads what decides what it retires
    # (and whether the piece is public at a new address).
    assert any('SELECT "articles_article"."version"' in q["sql"] for q in queries.captured_queries)
    assert any(
        q["sql"].startswith(
            'SELECT "articles_article"."id", "articles_article"."kind", '
            '"articles_article"."slug", "articles_article"."status", '
            '"articles_article"."published_at" FROM'
        )
        for q in queries.captured_queries
    )


# An editor's "Update" of a public piece with two bylines, two topics and a spoiler warning,
# changing its headline: the session and permissions (4); what the form shows beside its fields
# (4) and the form's own copy with its links, edit token and media kit (6); the check for a later
# save (1); validation: the slug, and each check constraint in a savepoint of its own (19; the
# one-article-per-original constraint is the form's own check, made only for a piece with an
# original), the bylines and their authors (7), the warning (8); the page cache's note of the
# row and of what it shows (2), the events' note of the row (1); the UPDATE and what follows it:
# search, the revision's copy and its topics, the event, the autosave buffer, press contacts,
# corrections, the log (12); the revision (5); the savepoints of the change and of the revision
# (4).
UPDATE_QUERIES = 73


def public_piece_and_its_form(client) -> tuple[str, dict]:
    article = ArticleFactory(
        authors=AuthorFactory.create_batch(2),
        tag_names=["Culture", "Television"],
        spoiler_warning="contains spoilers for season one",
        spoiler_warning__subject="Low Tide",
    )
    url = f"{ADD_URL}{article.pk}/change/"
    return url, form_data(client.get(url), headline="A changed headline", _continue="")


def test_updating_a_public_piece_makes_a_fixed_number_of_queries(
    editor_client, django_assert_num_queries
):
    url, data = public_piece_and_its_form(editor_client)

    with django_assert_num_queries(UPDATE_QUERIES):
        response = editor_client.post(url, data)

    assert response.status_code == 302


def test_an_update_reads_what_the_piece_shows_once(editor_client, monkeypatch):
    url, data = public_piece_and_its_form(editor_client)
    reads = []
    read = caching.SHOWS.rows
    monkeypatch.setattr(
        caching.SHOWS, "rows", lambda **values: reads.append(values) or read(**values)
    )

    assert editor_client.post(url, data).status_code == 302

    # Its topics, authors and spoiler warning decide what the save retires from the page cache
    # (one query); the save changes none of them, so they are read once, before it.
    assert len(reads) == 1


def test_add_and_change_pages_render_with_the_rich_text_editor(admin_client):
    article = ArticleFactory()

    add = admin_client.get(f"{ADD_URL}add/")
    change = admin_client.get(f"{ADD_URL}{article.pk}/change/")

    assert add.status_code == 200
    assert change.status_code == 200
    assert "data-django-prose-editor" in add.content.decode()
    assert "View on site" in change.content.decode()
    assert "Date and time (UTC)" in add.content.decode()


def test_an_editor_can_publish_the_op_ed_through_the_form(admin_client, client):
    author = AuthorFactory(name="Dana Whitfield", role="Co-CEO")

    response = admin_client.post(f"{ADD_URL}add/", article_form(author, _publish=""))

    assert response.status_code == 302
    article = Article.objects.get(slug="what-a-tv-show-teaches-us-about-work")
    assert article.is_published
    assert article.origin_platform == "LinkedIn"
    assert sorted(article.tags.names()) == ["Culture", "Television"]
    assert Byline.objects.get(article=article).role == "Co-CEO"
    assert client.get("/news/what-a-tv-show-teaches-us-about-work/").status_code == 200


def test_publish_action_publishes_and_unpublish_action_withdraws(admin_client):
    draft = ArticleFactory(status="draft", published_at=None)

    response = admin_client.post(
        ADD_URL, {"action": "publish_selected", "_selected_action": [draft.pk]}, follow=True
    )

    draft.refresh_from_db()
    assert draft.is_published
    assert "Published 1 article." in [str(m) for m in get_messages(response.wsgi_request)]

    admin_client.post(ADD_URL, {"action": "unpublish_selected", "_selected_action": [draft.pk]})

    draft.refresh_from_db()
    assert draft.status == Article.Status.UNPUBLISHED
    assert not Article.objects.published().exists()


def test_publish_action_brings_a_scheduled_piece_forward_and_keeps_an_embargo(admin_client):
    scheduled = ArticleFactory(published_at=timezone.now() + timedelta(days=3))
    embargo = timezone.now() + timedelta(days=2)
    embargoed = ArticleFactory(published_at=embargo, embargoed_until=embargo)

    response = admin_client.post(
        ADD_URL,
        {"action": "publish_selected", "_selected_action": [scheduled.pk, embargoed.pk]},
        follow=True,
    )

    scheduled.refresh_from_db()
    embargoed.refresh_from_db()
    assert scheduled.is_published
    assert (embargoed.is_embargoed, embargoed.published_at) == (True, embargo)
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert "Published 1 article." in said
    assert (
        f"“{embargoed.headline}” was not published now: it is embargoed until "
        f"{display_datetime(embargo)}, and runs then." in said
    )


def test_publish_action_refuses_an_article_without_a_byline_and_says_why(admin_client):
    lonely = ArticleFactory(status="draft", published_at=None, authors=[])

    response = admin_client.post(
        ADD_URL, {"action": "publish_selected", "_selected_action": [lonely.pk]}, follow=True
    )

    lonely.refresh_from_db()
    assert lonely.status == Article.Status.DRAFT
    messages = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "was not published" in messages
    assert "Add at least one author to the byline." in messages


def test_a_duplicate_slug_is_refused_on_the_form(admin_client):
    holder = ArticleFactory(slug="what-a-tv-show-teaches-us-about-work")

    response = admin_client.post(f"{ADD_URL}add/", article_form(AuthorFactory()))

    assert (
        "The address /news/what-a-tv-show-teaches-us-about-work/ is taken by "
        f'“<a href="/admin/articles/article/{holder.pk}/change/">{holder.headline}</a>”.'
    ) in errors_of(response)
    assert Article.objects.count() == 1


def test_a_javascript_origin_url_is_refused(admin_client):
    response = admin_client.post(
        f"{ADD_URL}add/", article_form(AuthorFactory(), origin_url="javascript:alert(1)")
    )

    assert "Enter a full web address starting with https://." in errors_of(response)
    assert not Article.objects.exists()


def test_an_image_without_alt_text_is_refused(admin_client, make_upload):
    data = article_form(AuthorFactory(), featured_image=make_upload("photo.jpg"))

    response = admin_client.post(f"{ADD_URL}add/", data)

    assert "alt text is required" in errors_of(response)
    assert not Article.objects.exists()


def test_a_non_image_upload_is_refused(admin_client, make_upload):
    fake = make_upload("photo.jpg", content=b"<html><script>alert(1)</script></html>")
    data = article_form(AuthorFactory(), featured_image=fake, featured_image_alt="A photo")

    response = admin_client.post(f"{ADD_URL}add/", data)

    assert "Upload a valid image" in errors_of(response)
    assert not Article.objects.exists()


def test_publishing_without_a_byline_is_refused_on_the_form(admin_client):
    response = admin_client.post(f"{ADD_URL}add/", article_form(None, _publish=""))

    assert "A published article needs at least one author." in errors_of(response)
    assert not Article.objects.exists()


def test_a_refused_edit_leaves_the_saved_article_untouched(admin_client):
    article = ArticleFactory(headline="Saved headline", slug="saved", dek="Saved dek")
    ArticleFactory(slug="taken")
    byline = article.bylines.get()
    data = article_form(
        None,
        headline="Edited headline",
        slug="taken",
        dek="Edited dek",
        _publish="",
        **{
            "bylines-TOTAL_FORMS": "1",
            "bylines-INITIAL_FORMS": "1",
            "bylines-0-id": str(byline.pk),
            "bylines-0-article": str(article.pk),
            "bylines-0-position": "0",
            "bylines-0-author": str(byline.author_id),
            "bylines-0-role": byline.role,
            "bylines-0-organisation": byline.organisation,
        },
    )

    response = admin_client.post(f"{ADD_URL}{article.pk}/change/", data)

    assert "The address /news/taken/ is taken by" in errors_of(response)
    assert 'value="Edited headline"' in response.content.decode()  # the input is kept
    article.refresh_from_db()
    assert (article.headline, article.slug, article.dek) == ("Saved headline", "saved", "Saved dek")


def test_author_admin_refuses_a_non_image_headshot(admin_client, make_upload):
    response = admin_client.post(
        "/admin/articles/author/add/",
        {
            "name": "Dana Whitfield",
            "slug": "dana-whitfield",
            "headshot": make_upload("dana.png", content=b"GIF89a not really"),
        },
    )

    assert response.status_code == 200
    assert "headshot" in response.context["adminform"].form.errors
    assert not Author.objects.exists()


def test_author_autocomplete_finds_authors_by_name(admin_client):
    AuthorFactory(name="Dana Whitfield")
    AuthorFactory(name="Marcus Ellis")

    response = admin_client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "byline", "field_name": "author", "term": "dana"},
    )

    assert [result["text"] for result in response.json()["results"]] == ["Dana Whitfield"]


@pytest.mark.parametrize(
    ("url", "help_text"),
    [
        ("/admin/articles/article/add/", "http://testserver/news/new-article/"),
        ("/admin/newsroom/sitepage/add/", "e.g. about for /about/"),
    ],
)
def test_the_slug_help_reads_whole_in_the_admin(editor_client, url, help_text):
    # The admin renders help text as HTML: an address written with "<slug>" lost that part.
    html = editor_client.get(url).content.decode()

    assert help_text in html
    assert "/news//" not in html
