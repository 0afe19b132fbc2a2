"""Publishing is refused, with every reason listed, until the piece is ready."""

from html import unescape

import pytest
from django.contrib.messages import get_messages

from articles.models import Article
from articles.workflow import checklist
from tests.admin_forms import errors_on, form_data
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/articles/article/"
SPOILER_BODY = '<p>Then <span class="spoiler">Wren finds the forged inspection logbook</span>.</p>'


@pytest.fixture
def unready(make_upload):
    """A draft that fails every check at once."""
    article = ArticleFactory(
        status="draft",
        published_at=None,
        dek="",
        body=SPOILER_BODY,
        seo_description="Wren finds the forged inspection logbook",
        featured_image=make_upload("IMG_2041.jpg"),
        featured_image_alt="IMG_2041.jpg",
        origin_platform="LinkedIn",
        authors=[],
    )
    return article


def test_every_problem_is_listed_for_an_unready_article(unready):
    problems = checklist.publication_problems(unready)

    assert problems == [
        "Write the summary (dek): one sentence for cards and link previews.",
        "The featured image's alt text (“IMG_2041.jpg”) is a file name; describe what the "
        "picture shows.",
        checklist.INDEXING_PROBLEM,
        "The SEO description gives away a passage marked as a spoiler.",
        "Add at least one author to the byline.",
        checklist.ORIGIN_AUTHOR_PROBLEM,
    ]


def test_a_summary_giving_away_a_spoiler_marked_in_the_introduction_is_a_problem():
    passage = '<span class="spoiler">Wren finds the forged inspection logbook</span>'
    marked_twice = ArticleFactory(
        status="draft", introduction=f"<p>Why {passage}.</p>", body=f"<p>{passage}.</p>"
    )
    leaking = ArticleFactory(
        status="draft",
        introduction=f"<p>Why {passage}.</p>",
        dek="Wren finds the forged inspection logbook",
    )

    assert checklist.spoiler_problem(marked_twice) is None
    assert checklist.spoiler_problem(leaking) == (
        "The summary (dek) gives away a passage marked as a spoiler."
    )


def test_a_headline_or_picture_words_giving_away_a_spoiler_keep_a_piece_from_publishing():
    # As an import or the list's "Publish" action publish it, without the change form.
    article = ArticleFactory(
        status="draft",
        published_at=None,
        body=SPOILER_BODY,
        headline="Wren finds the forged inspection logbook",
        seo_title="Wren finds the forged inspection logbook",
        featured_image_caption="Wren finds the forged inspection logbook",
    )

    assert checklist.spoiler_problem(article) == (
        "The headline and the SEO title and the caption give away a passage marked as a spoiler."
    )
    assert checklist.spoiler_problem(article) in checklist.publication_problems(article)


def test_a_slug_giving_away_a_spoiler_keeps_a_piece_from_publishing():
    # An import or a script may set an address the change form would have refused.
    article = ArticleFactory(
        status="draft",
        published_at=None,
        body=SPOILER_BODY,
        slug="then-wren-finds-the-forged-inspection-logbook",
    )

    assert checklist.spoiler_problem(article) == (
        "The slug gives away a passage marked as a spoiler."
    )
    assert checklist.spoiler_problem(article) in checklist.publication_problems(article)


def test_a_warning_giving_away_a_spoiler_keeps_a_piece_from_publishing():
    article = ArticleFactory(
        status="draft",
        published_at=None,
        body=SPOILER_BODY,
        spoiler_warning="contains spoilers: Wren finds the forged inspection logbook",
    )

    assert checklist.spoiler_problem(article) == (
        "The warning gives away a passage marked as a spoiler."
    )
    assert checklist.spoiler_problem(article) in checklist.publication_problems(article)


@pytest.mark.parametrize(
    "alt",
    ["IMG_2041.jpg", "photo.PNG", "DSC0042", "Screenshot 3", "image", "lisbon-office", " x.webp "],
)
def test_alt_text_that_is_a_file_name_is_refused(make_upload, alt):
    article = ArticleFactory(
        featured_image=make_upload("lisbon-office.jpg"), featured_image_alt=alt
    )

    assert "is a file name" in checklist.image_alt_problem(article)


def test_real_alt_text_passes(make_upload):
    article = ArticleFactory(
        featured_image=make_upload("IMG_1.jpg"),
        featured_image_alt="The new Lisbon office by the river, seen from the water",
    )

    assert checklist.publication_problems(article) == []


def test_the_publish_action_refuses_with_every_reason(admin_client, unready):
    response = admin_client.post(
        LIST_URL, {"action": "publish_selected", "_selected_action": [unready.pk]}, follow=True
    )

    unready.refresh_from_db()
    assert unready.status == Article.Status.DRAFT
    text = unescape(" ".join(str(m) for m in get_messages(response.wsgi_request)))
    for problem in checklist.publication_problems(unready):
        assert problem in text


def test_scheduling_through_the_form_is_refused_with_every_reason(admin_client, unready):
    url = f"{LIST_URL}{unready.pk}/change/"
    data = form_data(admin_client.get(url), _schedule="", schedule_at="2099-01-01T09:00")

    response = admin_client.post(url, data)

    errors = errors_on(response)
    assert "Write the summary (dek)" in errors
    assert "is a file name" in errors
    assert "Add the original URL of this cross-post" in errors
    assert "SEO description gives away a passage marked as a spoiler" in errors
    assert "A published article needs at least one author." in errors
    unready.refresh_from_db()
    assert unready.status == Article.Status.DRAFT
    assert "2099-01-01" in response.content.decode()  # the input is kept


def test_a_ready_draft_is_published_through_the_form(admin_client):
    draft = ArticleFactory(status="draft", published_at=None)
    url = f"{LIST_URL}{draft.pk}/change/"

    response = admin_client.post(url, form_data(admin_client.get(url), _publish=""))

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.is_published


def test_drafts_may_be_saved_while_checks_fail(admin_client, unready):
    url = f"{LIST_URL}{unready.pk}/change/"
    data = form_data(admin_client.get(url), headline="Still working on it", seo_description="")

    assert admin_client.post(url, data).status_code == 302


def test_the_change_form_shows_the_checklist(admin_client, unready):
    html = admin_client.get(f"{LIST_URL}{unready.pk}/change/").content.decode()

    assert "Before publishing" in html
    assert "✔</span> The text is written" in html
    assert "Write the summary (dek)" in html
    assert "is a file name" in html
    assert "Add at least one author to the byline." in html


def test_a_ready_article_shows_a_clean_checklist(admin_client):
    article = ArticleFactory(authors=[AuthorFactory()])

    html = admin_client.get(f"{LIST_URL}{article.pk}/change/").content.decode()

    applicable = [check for check in checklist.publication_checklist(article) if check.applies]
    assert html.count('class="check--ok"') == len(applicable) == 5
    assert "check--problem" not in html


def test_checks_with_nothing_to_look_at_are_not_ticked(admin_client):
    article = ArticleFactory(authors=[AuthorFactory()])

    html = admin_client.get(f"{LIST_URL}{article.pk}/change/").content.decode()

    assert "The featured image has real alt text" not in html
    assert "A cross-post names its author" not in html
    assert "No featured image: cards show the title alone." in html
