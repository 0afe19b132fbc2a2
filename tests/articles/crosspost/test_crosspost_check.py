"""The check step: what the draft will hold, shown and editable before anything is saved."""

from html import unescape
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Permission

from articles.admin.crosspost.check import ALTERED, sign_state
from articles.models import Article, Author, ContentWarning
from tests.articles.crosspost.paste_page import (
    CHECK,
    PAGE,
    check_data,
    form_errors,
    paste_form,
    staff,
)
from tests.articles.crosspost.test_corpus import CORPUS
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

POST_ORIGIN = "https://www.linkedin.com/posts/priya-raman_succession-activity-7282"


def corpus(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


@pytest.fixture
def priya():
    return AuthorFactory(name="Priya Raman", role="Chief Technology Officer")


@pytest.fixture
def checked(admin_client, priya):
    """The check step for a formatted copy of a LinkedIn post."""
    data = paste_form(
        origin_url=POST_ORIGIN,
        author=str(priya.pk),
        pasted=corpus("linkedin_post_edited.txt"),
        pasted_html=corpus("linkedin_post_edited.html"),
    )
    return admin_client.post(PAGE, data)


def removed_number(response, text: str) -> int:
    for number, label in response.context["form"].fields["keep"].choices:
        if label == text:
            return number
    raise AssertionError(f"{text!r} is not among the lines that can be put back")


def test_a_paste_shows_what_the_draft_will_hold_and_saves_nothing(checked):
    page = unescape(checked.text)
    data = check_data(checked)

    assert "<h1>Check the piece before the draft is made</h1>" in checked.text
    assert data["headline"] == "What a TV boardroom taught me about our own succession plan."
    assert data["slug"] == "what-a-tv-boardroom-taught-me-about-our-own-succession-plan"
    assert (data["kind"], data["dek"]) == ("op-ed", "")
    assert (data["warning_kind"], data["warning_text"], data["warning_subject"]) == (
        "spoilers",
        "contains spoilers for the final season of Succession",
        "Succession",
    )
    assert "We finished the last episode on a Sunday night" in page
    assert "The full checklist is on our blog" in page
    for line in ["Priya Raman • 2nd", "2d • Edited •", "1,234", "56 comments", "Send"]:
        assert f">{line}<" in page, line
    assert "The author's card above the piece (name, title, date, follow)" in page
    assert "Replaced 1 redirect link with the page it leads to." in page
    assert not Article.objects.exists()


def test_making_the_draft_saves_the_fields_as_the_editor_left_them(admin_client, checked, priya):
    response = admin_client.post(
        CHECK,
        check_data(
            checked,
            headline="Who holds the keys when you leave",
            kind="news",
            dek="A succession plan for engineering.",
            warning_subject="Succession (HBO)",
        ),
        follow=True,
    )

    article = Article.objects.get()
    assert response.redirect_chain == [(f"/admin/articles/article/{article.pk}/change/", 302)]
    assert (article.headline, article.kind, article.dek) == (
        "Who holds the keys when you leave",
        "news",
        "A succession plan for engineering.",
    )
    assert (article.slug, article.slug_fixed) == ("who-holds-the-keys-when-you-leave", False)
    assert article.status == Article.Status.DRAFT
    assert article.lead_author == priya
    [warning] = article.warnings.all()
    assert (warning.kind, warning.text, warning.subject) == (
        "spoilers",
        "contains spoilers for the final season of Succession",
        "Succession (HBO)",
    )
    assert article.body.startswith("<p>We finished the last episode")
    assert "Priya Raman" not in article.body
    assert "The draft news “Who holds the keys when you leave” was made" in unescape(response.text)


def test_a_slug_typed_on_the_check_step_is_kept_and_fixed(admin_client, checked):
    admin_client.post(CHECK, check_data(checked, slug="keys"))

    article = Article.objects.get()
    assert (article.slug, article.slug_fixed) == ("keys", True)


def test_ticked_lines_are_put_back_where_they_were(admin_client, checked):
    hashtags = "#leadership #engineering #succession"
    keep = [removed_number(checked, hashtags), removed_number(checked, "Priya Raman • 2nd")]

    admin_client.post(CHECK, check_data(checked, keep=[str(number) for number in keep]))

    body = Article.objects.get().body
    # As pasted: the name was a link to the profile.
    assert body.startswith('<p><a href="https://www.linkedin.com/in/priya-raman-fieldbook"')
    assert "<strong>Priya Raman • 2nd</strong></a></p><p>We finished the last episode" in body
    assert body.endswith(f"fieldbook.example/blog/deputies</a></p><p>{hashtags}</p>")


def test_the_warning_can_be_removed_or_given_another_kind(admin_client, checked):
    admin_client.post(CHECK, check_data(checked, warning_kind="", warning_text=""))
    assert not ContentWarning.objects.exists()

    Article.objects.all().delete()
    admin_client.post(CHECK, check_data(checked, warning_kind="", warning_text="CW grief"))
    assert ContentWarning.objects.get().kind == ContentWarning.Kind.GRIEF


def test_an_unclear_subject_is_left_empty_and_the_page_says_so(admin_client, priya):
    response = admin_client.post(
        PAGE,
        paste_form(author=str(priya.pk), pasted=corpus("linkedin_post_ambiguous.txt")),
    )

    assert check_data(response)["warning_subject"] == ""
    assert "Could not tell which show, film or book the warning is about" in unescape(response.text)


@pytest.mark.parametrize(
    ("warning", "subject"),
    [
        ("(Spoilers for Succession: Yes, he dies)", "Succession"),
        ("(Spoilers for Dune: Part Two)", "Dune: Part Two"),
        ("(Spoilers for Inside Out 2)", "Inside Out 2"),
        ("(Spoilers for The Road Ahead)", ""),
    ],
)
def test_the_check_step_shows_the_title_a_warning_names(admin_client, priya, warning, subject):
    pasted = f"What a film taught me about feelings at work\n{warning}\n\nThe text."
    response = admin_client.post(PAGE, paste_form(author=str(priya.pk), pasted=pasted))

    assert check_data(response)["warning_subject"] == subject
    unclear = "Could not tell which show, film or book the warning is about"
    assert (unclear in unescape(response.text)) == (not subject)
    assert not Article.objects.exists()


def test_change_the_paste_goes_back_with_everything_that_was_typed(admin_client, checked):
    response = admin_client.post(CHECK, check_data(checked, _back="Change the paste"))

    assert response.templates[0].name.endswith("add_cross_post.html")
    form = response.context["form"]
    assert form["origin_url"].value() == POST_ORIGIN
    assert form["pasted"].value() == corpus("linkedin_post_edited.txt")
    assert form["pasted_html"].value() == corpus("linkedin_post_edited.html")
    assert not Article.objects.exists()


def test_a_one_line_post_can_keep_its_line_as_text(admin_client, priya):
    response = admin_client.post(
        PAGE, paste_form(author=str(priya.pk), pasted="Proud of this team.\nLike\n128")
    )
    assert "The text is empty" in response.text

    refused = admin_client.post(CHECK, check_data(response))
    assert "The text would be empty." in form_errors(refused)

    number = removed_number(response, "Proud of this team.")
    admin_client.post(CHECK, check_data(response, keep=[str(number)]))
    assert Article.objects.get().body == "<p>Proud of this team.</p>"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"headline": "  "}, "This field is required."),
        ({"headline": "x" * 201}, "Ensure this value has at most 200 characters (it has 201)."),
        ({"kind": "advertorial"}, "Select a valid choice. advertorial is not one of"),
        ({"warning_kind": "mild"}, "Select a valid choice. mild is not one of"),
        ({"warning_text": ""}, "Give the warning's text, or choose “No warning”."),
        ({"warning_text": "w" * 201}, "Ensure this value has at most 200 characters"),
        ({"warning_subject": "s" * 121}, "Ensure this value has at most 120 characters"),
        ({"dek": "d" * 301}, "Ensure this value has at most 300 characters"),
        ({"slug": "feed"}, "“feed” is an address the news section uses itself"),
        ({"slug": "not a slug!"}, "Enter a valid “slug”"),
        ({"slug": "taken"}, "Another article already has this address"),
        ({"keep": ["999"]}, "Select a valid choice. 999 is not one of the available choices."),
        ({"keep": ["one"]}, "Select a valid choice. one is not one of the available choices."),
    ],
)
def test_bad_check_fields_are_refused_with_the_editors_input_kept(
    admin_client, checked, changes, message
):
    ArticleFactory(slug="taken")

    response = admin_client.post(CHECK, check_data(checked, **changes))

    assert message in form_errors(response)
    assert Article.objects.count() == 1
    form = response.context["form"]
    for name, value in changes.items():
        assert form[name].value() == value
    assert "We finished the last episode on a Sunday night" in unescape(response.text)


@pytest.mark.parametrize(
    "state",
    [
        pytest.param(lambda state: state[:-4] + "AAAA", id="altered"),
        pytest.param(lambda state: "", id="missing"),
        pytest.param(lambda state: state.replace(":", "x", 1), id="garbled"),
    ],
)
def test_an_altered_paste_state_is_refused_and_nothing_is_saved(admin_client, checked, state):
    data = check_data(checked)

    response = admin_client.post(CHECK, data | {"state": state(data["state"])})

    assert response.templates[0].name.endswith("add_cross_post.html")
    assert f'<p class="errornote">{ALTERED}</p>' in response.text
    assert not Article.objects.exists()


def test_a_state_signed_for_someone_else_is_refused(client, checked):
    contributor = staff("add_article", "change_article", "view_article", "view_author")
    client.force_login(contributor)

    response = client.post(CHECK, check_data(checked))

    assert f'<p class="errornote">{ALTERED}</p>' in response.text
    assert not Article.objects.exists()


def test_the_paste_is_checked_again_with_the_users_permissions_as_they_are_now(client):
    user = staff("add_article", "change_article", "view_article", "add_author", "view_author")
    client.force_login(user)
    checked = client.post(PAGE, paste_form(new_author_name="Ana Ribeiro", pasted="Head\n\nText"))
    user.user_permissions.remove(Permission.objects.get(codename="add_author"))

    response = client.post(CHECK, check_data(checked))

    assert "This field is required." in form_errors(response)  # choose an existing author
    assert not Article.objects.exists()
    assert not Author.objects.filter(name="Ana Ribeiro").exists()


def test_an_author_removed_or_an_original_published_meanwhile_is_caught(admin_client, priya):
    checked = admin_client.post(PAGE, paste_form(author=str(priya.pk), pasted="Head\n\nText"))
    priya.delete()
    response = admin_client.post(CHECK, check_data(checked))
    assert "Select a valid choice." in form_errors(response)

    other = AuthorFactory()
    checked = admin_client.post(PAGE, paste_form(author=str(other.pk), pasted="Head\n\nText"))
    ArticleFactory(headline="Published meanwhile", origin_url=paste_form()["origin_url"])
    response = admin_client.post(CHECK, check_data(checked))
    assert "This original is already re-published as" in form_errors(response)
    assert Article.objects.count() == 1


def test_a_state_is_signed_for_one_user_only():
    request = SimpleNamespace(user=SimpleNamespace(pk=1))

    assert sign_state(request, {"pasted": "x"}) != sign_state(
        SimpleNamespace(user=SimpleNamespace(pk=2)), {"pasted": "x"}
    )


def test_who_may_use_the_check_step(client, checked):
    state = check_data(checked)

    assert client.get(CHECK)["Location"].startswith("/admin/login/")
    assert client.post(CHECK, state)["Location"].startswith("/admin/login/")

    client.force_login(staff("view_article", "change_article"))
    assert client.get(CHECK).status_code == 403
    assert client.post(CHECK, state).status_code == 403

    client.force_login(staff("add_article", "view_article"))
    assert client.get(CHECK)["Location"] == PAGE
    assert not Article.objects.exists()


def test_editors_and_contributors_make_drafts_from_the_check_step(
    editor_client, contributor_client, contributor
):
    author = AuthorFactory()
    for browser, origin in [(editor_client, "ed"), (contributor_client, "co")]:
        data = paste_form(
            author=str(author.pk),
            origin_url=f"https://www.linkedin.com/pulse/{origin}/",
            pasted="Head\n\nText",
        )
        checked = browser.post(PAGE, data)
        response = browser.post(CHECK, check_data(checked, headline=f"Head {origin}"))
        assert response.status_code == 302

    drafts = Article.objects.order_by("headline")
    assert [(a.headline, a.status) for a in drafts] == [("Head co", "draft"), ("Head ed", "draft")]
    assert drafts[0].created_by == contributor
