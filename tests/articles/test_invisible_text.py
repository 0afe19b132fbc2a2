"""A line of text holding nothing a reader sees is an empty line, and direction controls that
never close (a right-to-left override before "evil" shows "live", and turns backwards whatever
follows it) are removed wherever a line is cleaned (`newsroom.text`)."""

import pytest
from bs4 import BeautifulSoup

from articles.models import Article, Author
from articles.workflow import checklist, publishing
from newsroom.richtext import sanitize_html
from newsroom.text import is_blank, one_line, strip_control_characters
from tests.admin_forms import errors_on, form_data
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/articles/article/"
INVISIBLE = "\u200b\u200b"
OVERRIDE = "QA 𝗯𝗼𝗹𝗱 \u202eevil"
# Every embedding, override and isolate control.
CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def change_url(article) -> str:
    return f"{LIST_URL}{article.pk}/change/"


@pytest.mark.parametrize(
    "line",
    [
        "",
        "   ",
        INVISIBLE,
        " \u200b\u200c\u200d\u2060\ufeff\u00ad ",
        "\u200e\u200f\u061c",
        CONTROLS,
        "\u3164\u2800\u115f",
        "\ufe0f\U000e0041",
    ],
)
def test_a_line_of_nothing_visible_is_blank_and_stored_empty(line):
    assert is_blank(line)
    assert one_line(line) == ""


@pytest.mark.parametrize(
    "line",
    [
        "👩\u200d💻 at work",  # the joiner makes one emoji
        "\u200fשלום עולם",  # a right-to-left mark opening Hebrew
        "مرحبا\u061c 2024",  # the Arabic letter mark
        "می\u200cخواهم",  # the non-joiner a Persian word needs
        "\u200bx",
        "soft\u00adhyphen",
    ],
)
def test_a_line_with_a_visible_character_keeps_its_marks_and_joiners(line):
    assert not is_blank(line)
    assert one_line(line) == line


def test_direction_controls_that_never_close_are_removed_and_the_marks_kept():
    assert strip_control_characters(f"a{CONTROLS}b") == "ab"
    assert strip_control_characters(OVERRIDE) == "QA 𝗯𝗼𝗹𝗱 evil"
    assert (
        strip_control_characters("\u200eLRM \u200fRLM \u061cALM") == "\u200eLRM \u200fRLM \u061cALM"
    )


def test_the_rich_text_sanitiser_drops_the_controls_so_none_leaks_past_its_block():
    html = sanitize_html("<p>Before \u202eevil</p><p>After \u2067isolate</p>")

    assert html == "<p>Before evil</p><p>After isolate</p>"


@pytest.mark.parametrize("headline", [INVISIBLE, " \u200b \ufeff\u2060 ", "\u202e"])
def test_an_editor_cannot_save_a_headline_of_invisible_characters(editor_client, headline):
    draft = ArticleFactory(status="draft", published_at=None, headline="Plan in seasons")
    data = form_data(editor_client.get(change_url(draft)), headline=headline)

    response = editor_client.post(change_url(draft), data)

    assert "This field is required." in errors_on(response)
    assert response.context["adminform"].form.errors["headline"] == ["This field is required."]
    draft.refresh_from_db()
    assert draft.headline == "Plan in seasons"


def test_publish_now_refuses_a_headline_of_invisible_characters(editor_client):
    draft = ArticleFactory(status="draft", published_at=None, headline="Plan in seasons")
    data = form_data(editor_client.get(change_url(draft)), headline=INVISIBLE, kind="op-ed")

    response = editor_client.post(change_url(draft), data | {"_publish": ""})

    assert response.context["adminform"].form.errors["headline"] == ["This field is required."]
    draft.refresh_from_db()
    assert (draft.headline, draft.status) == ("Plan in seasons", Article.Status.DRAFT)
    assert editor_client.get("/news/").content.decode().count("Op-ed: <") == 0


def test_a_contributor_cannot_save_a_headline_of_invisible_characters(
    contributor_client, contributor
):
    draft = ArticleFactory(status="draft", published_at=None, created_by=contributor)
    data = form_data(contributor_client.get(change_url(draft)), headline=INVISIBLE)

    response = contributor_client.post(change_url(draft), data)

    assert response.context["adminform"].form.errors["headline"] == ["This field is required."]
    added = contributor_client.post(f"{LIST_URL}add/", data | {"slug": "invisible"})
    assert added.context["adminform"].form.errors["headline"] == ["This field is required."]
    assert not Article.objects.filter(slug="invisible").exists()


def test_a_contributor_cannot_reach_anothers_draft_by_its_id(contributor_client, contributor):
    theirs = ArticleFactory(status="draft", published_at=None, created_by=contributor)
    others = ArticleFactory(status="draft", published_at=None, headline="Not yours")
    data = form_data(contributor_client.get(change_url(theirs)), headline=OVERRIDE)

    response = contributor_client.post(change_url(others), data)

    # Another's draft is not among a contributor's: the admin answers as for a missing one.
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    others.refresh_from_db()
    assert others.headline == "Not yours"


@pytest.mark.parametrize("role", ["editor", "contributor"])
def test_the_admin_stores_a_headline_and_summary_without_direction_controls(
    request, role, contributor
):
    client = request.getfixturevalue(f"{role}_client")
    draft = ArticleFactory(status="draft", published_at=None, created_by=contributor)
    data = form_data(
        client.get(change_url(draft)),
        headline=OVERRIDE,
        dek="A summary \u2067that isolates",
        featured_image_caption="👩\u200d💻 \u200fשלום",
    )

    response = client.post(change_url(draft), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    draft.refresh_from_db()
    assert draft.headline == "QA 𝗯𝗼𝗹𝗱 evil"
    assert draft.dek == "A summary that isolates"
    assert draft.featured_image_caption == "👩\u200d💻 \u200fשלום"


def test_an_optional_line_of_invisible_characters_is_stored_empty(editor_client):
    draft = ArticleFactory(status="draft", published_at=None)
    data = form_data(editor_client.get(change_url(draft)), dek=INVISIBLE)

    assert editor_client.post(change_url(draft), data).status_code == 302
    draft.refresh_from_db()
    assert draft.dek == ""


def test_an_authors_name_of_invisible_characters_is_refused(editor_client):
    author = AuthorFactory(name="Dana Whitfield")
    url = f"/admin/articles/author/{author.pk}/change/"

    response = editor_client.post(url, form_data(editor_client.get(url), name=INVISIBLE))

    assert response.context["adminform"].form.errors["name"] == ["This field is required."]
    assert Author.objects.get(pk=author.pk).name == "Dana Whitfield"


def test_names_and_titles_saved_anywhere_lose_their_direction_controls():
    author = AuthorFactory(name="Dana \u202eWhitfield")
    article = ArticleFactory(authors=[author], tag_names=["Cul\u202eture"])

    author.refresh_from_db()
    assert author.name == "Dana Whitfield"
    assert list(article.tags.names()) == ["Culture"]


def test_the_checklist_refuses_a_stored_headline_with_nothing_visible():
    draft = ArticleFactory(status="draft", published_at=None)
    Article.objects.filter(pk=draft.pk).update(headline=INVISIBLE, dek="\u00ad")
    draft.refresh_from_db()

    problems = checklist.publication_problems(draft)

    assert "Write the headline: it has no character readers can see." in problems
    assert any(problem.startswith("Write the summary (dek)") for problem in problems)
    with pytest.raises(publishing.CannotPublish):
        publishing.publish_now(draft)
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_the_change_form_names_the_headline_problem(editor_client):
    draft = ArticleFactory(status="draft", published_at=None)
    Article.objects.filter(pk=draft.pk).update(headline=INVISIBLE)

    html = editor_client.get(change_url(draft)).content.decode()

    assert "Write the headline: it has no character readers can see." in html


def test_a_saved_headline_cannot_turn_the_page_title_backwards(client):
    article = ArticleFactory(kind="op-ed", headline=OVERRIDE, slug="piece")

    soup = BeautifulSoup(client.get(article.get_absolute_url()).content, "html.parser")

    assert soup.title.string == "Op-ed: QA 𝗯𝗼𝗹𝗱 evil · " + soup.title.string.split(" · ")[-1]
    assert soup.find("meta", property="og:title")["content"].startswith("Op-ed: QA 𝗯𝗼𝗹𝗱 evil")
    assert not any(char in str(soup) for char in CONTROLS)
