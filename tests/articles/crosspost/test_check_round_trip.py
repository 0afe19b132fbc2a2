"""Going back from the check step to the paste and forward again keeps what was changed there."""

from html import unescape

import pytest

from articles.admin.crosspost.edits import UNREADABLE
from articles.models import Article
from tests.articles.crosspost.paste_page import CHECK, PAGE, check_data, paste_form, staff
from tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db

PASTE = (
    "Spoilers for the final season of Succession\n\n"
    "Who holds the keys\n\n"
    "We finished the last episode on a Sunday night.\n\n"
    "The rest of the piece.\n\n"
    "Like\n128\n\n"
    "#leadership #succession"
)
EDITS = {
    "headline": "Who holds the keys when you leave",
    "slug": "keys",
    "kind": "news",
    "dek": "A succession plan for engineering.",
    "warning_subject": "Succession (HBO)",
}


@pytest.fixture
def priya():
    return AuthorFactory(name="Priya Raman")


@pytest.fixture
def checked(admin_client, priya):
    return admin_client.post(PAGE, paste_form(author=str(priya.pk), pasted=PASTE))


def line_number(response, text: str) -> str:
    [number] = [n for n, label in response.context["form"].fields["keep"].choices if label == text]
    return str(number)


def ticked(response) -> list[str]:
    choices = dict(response.context["form"].fields["keep"].choices)
    return [choices[int(n)] for n in response.context["form"]["keep"].value() or []]


def paste_data(response, **changes) -> dict:
    """The paste form as the page shows it, with `changes`: what "Check the piece" posts."""
    assert response.templates[0].name.endswith("add_cross_post.html"), "not the paste page"
    form = response.context["form"]
    data = {name: form[name].value() for name in form.fields}
    return {name: "" if value is None else str(value) for name, value in data.items()} | changes


def go_back(client, checked, **changes):
    return client.post(CHECK, check_data(checked, _back="Change the paste", **changes))


def edited(client, checked):
    """Back to the paste from the check step with `EDITS` made and two lines ticked."""
    keep = [line_number(checked, "Like"), line_number(checked, "#leadership #succession")]
    return go_back(client, checked, keep=keep, **EDITS)


def test_edits_on_the_check_step_come_back_after_changing_the_paste(admin_client, checked):
    back = edited(admin_client, checked)
    assert "Your changes on the check step are kept" in back.text

    again = admin_client.post(
        PAGE,
        paste_data(
            back,
            pasted=PASTE.replace("The rest of the piece.", "The rest of the piece, fixed."),
            introduction="Our CTO on succession.",
        ),
    )

    assert check_data(again) | {"state": "", "check_edits": ""} == EDITS | {
        "state": "",
        "check_edits": "",
        "warning_kind": "spoilers",
        "warning_text": "spoilers for the final season of Succession",
    }
    assert ticked(again) == ["Like", "#leadership #succession"]
    assert "stale-edits" not in again.text
    assert not Article.objects.exists()

    admin_client.post(CHECK, check_data(again, keep=again.context["form"]["keep"].value()))

    article = Article.objects.get()
    assert (article.headline, article.slug, article.kind, article.dek) == (
        EDITS["headline"],
        "keys",
        "news",
        EDITS["dek"],
    )
    assert article.warnings.get().subject == "Succession (HBO)"
    assert "<p>The rest of the piece, fixed.</p>" in article.body
    assert article.body.endswith("<p>Like</p><p>#leadership #succession</p>")
    assert article.introduction == "<p>Our CTO on succession.</p>"


def test_edits_come_back_again_after_a_second_trip(admin_client, checked):
    again = admin_client.post(PAGE, paste_data(edited(admin_client, checked)))
    keep = again.context["form"]["keep"].value()

    twice = admin_client.post(PAGE, paste_data(go_back(admin_client, again, keep=keep)))

    assert check_data(twice)["headline"] == EDITS["headline"]
    assert ticked(twice) == ["Like", "#leadership #succession"]


def test_an_edit_the_changed_paste_makes_stale_gives_way_and_the_page_says_so(
    admin_client, checked
):
    back = edited(admin_client, checked)
    pasted = PASTE.replace("Who holds the keys", "Keys, and who holds them").replace(
        "Spoilers for the final season of Succession", "Spoilers for The Bear"
    )

    again = admin_client.post(PAGE, paste_data(back, pasted=pasted.replace("Like\n128\n\n", "")))

    data = check_data(again)
    assert (data["headline"], data["warning_text"], data["warning_subject"]) == (
        "Keys, and who holds them",
        "spoilers for The Bear",
        "The Bear",
    )
    assert (data["slug"], data["kind"], data["dek"]) == ("keys", "news", EDITS["dek"])
    assert ticked(again) == ["#leadership #succession"]
    page = unescape(again.text)
    assert "Not all of your changes on the check step could be put back." in page
    for note in [
        "Headline: you had “Who holds the keys when you leave”; the changed paste gives "
        "“Keys, and who holds them”.",
        "Spoils: you had “Succession (HBO)”; the changed paste gives “The Bear”.",
        "“Like” was ticked to be put back, but the changed paste does not take it out.",
    ]:
        assert f"<li>{note}</li>" in page
    assert not Article.objects.exists()


def test_a_paste_refused_on_making_the_draft_goes_back_with_the_edits(admin_client, priya):
    checked = admin_client.post(PAGE, paste_form(author=str(priya.pk), pasted=PASTE))
    priya.delete()

    refused = admin_client.post(CHECK, check_data(checked, **EDITS))
    assert "Select a valid choice." in refused.context["form"].errors.as_text()

    other = AuthorFactory()
    again = admin_client.post(PAGE, paste_data(refused, author=str(other.pk)))
    assert check_data(again)["headline"] == EDITS["headline"]
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    "token",
    [
        pytest.param(lambda token: token[:-4] + "AAAA", id="altered"),
        pytest.param(lambda token: token.replace(":", "x", 1), id="garbled"),
        pytest.param(lambda token: "not a token", id="made up"),
    ],
)
def test_edits_altered_on_the_way_are_dropped_and_the_page_says_so(admin_client, checked, token):
    back = paste_data(edited(admin_client, checked))

    again = admin_client.post(PAGE, back | {"check_edits": token(back["check_edits"])})

    assert check_data(again)["headline"] == "Who holds the keys"
    assert ticked(again) == []
    assert f"<li>{UNREADABLE}</li>" in unescape(again.text)
    assert not Article.objects.exists()


def test_edits_signed_for_someone_else_are_not_put_back(admin_client, client, checked, priya):
    back = paste_data(edited(admin_client, checked))
    contributor = staff("add_article", "change_article", "view_article", "view_author")
    client.force_login(contributor)

    again = client.post(PAGE, back)

    assert check_data(again)["headline"] == "Who holds the keys"
    assert f"<li>{UNREADABLE}</li>" in unescape(again.text)
    assert not Article.objects.exists()


def test_forged_line_numbers_are_not_carried_back(admin_client, checked):
    back = go_back(admin_client, checked, keep=["999", "one", "-1", line_number(checked, "128")])

    again = admin_client.post(PAGE, paste_data(back))

    assert ticked(again) == ["128"]
    assert "stale-edits" not in again.text


def test_going_back_without_changes_carries_nothing(admin_client, checked):
    back = go_back(admin_client, checked)

    assert paste_data(back)["check_edits"] == ""
    assert "Your changes on the check step are kept" not in back.text


def test_only_those_who_may_add_articles_go_back_and_forth(admin_client, client, checked):
    back = paste_data(edited(admin_client, checked))

    assert client.post(PAGE, back)["Location"].startswith("/admin/login/")
    client.force_login(staff("view_article", "change_article"))
    assert client.post(PAGE, back).status_code == 403
    assert client.post(CHECK, check_data(checked, _back="Change the paste")).status_code == 403
    assert not Article.objects.exists()


def test_a_paste_refused_on_the_paste_page_keeps_the_edits_for_the_next_try(admin_client, checked):
    back = paste_data(edited(admin_client, checked))

    refused = admin_client.post(PAGE, back | {"pasted": " "})
    assert "Paste the piece" in refused.context["form"].errors.as_text()
    again = admin_client.post(PAGE, paste_data(refused, pasted=PASTE))

    assert check_data(again)["headline"] == EDITS["headline"]
    assert "stale-edits" not in again.text


STALE_HEADLINE = (
    "Headline: you had “Who holds the keys when you leave”; the changed paste gives “Keys, and "
    "who holds them”."
)


def stale_again(client, checked):
    """The check step after going back with `EDITS` and changing the paste's headline."""
    back = edited(client, checked)
    pasted = PASTE.replace("Who holds the keys", "Keys, and who holds them")
    again = client.post(PAGE, paste_data(back, pasted=pasted))
    assert f"<li>{STALE_HEADLINE}</li>" in unescape(again.text)
    return again


@pytest.mark.parametrize(
    "refused",
    [
        pytest.param({"headline": ""}, id="no headline"),
        pytest.param({"warning_text": ""}, id="a warning kind without its text"),
        pytest.param({"slug": "not a slug!"}, id="a bad slug"),
    ],
)
def test_the_stale_edits_stay_shown_when_the_check_step_refuses_a_field(
    admin_client, checked, refused
):
    again = stale_again(admin_client, checked)

    shown = admin_client.post(CHECK, check_data(again, **refused))

    assert shown.status_code == 200
    assert shown.context["form"].errors
    page = unescape(shown.text)
    assert "Not all of your changes on the check step could be put back." in page
    assert f"<li>{STALE_HEADLINE}</li>" in page
    assert not Article.objects.exists()

    twice = admin_client.post(CHECK, check_data(shown, headline=""))
    assert f"<li>{STALE_HEADLINE}</li>" in unescape(twice.text)


def test_the_stale_edits_go_once_the_draft_is_made(admin_client, checked):
    again = stale_again(admin_client, checked)
    shown = admin_client.post(CHECK, check_data(again, headline=""))

    made = admin_client.post(CHECK, check_data(shown, headline="Who holds them"), follow=True)

    assert Article.objects.get().headline == "Who holds them"
    assert STALE_HEADLINE not in unescape(made.text)


def test_a_check_step_shown_again_without_stale_edits_says_nothing_of_them(admin_client, checked):
    again = admin_client.post(PAGE, paste_data(edited(admin_client, checked)))

    shown = admin_client.post(CHECK, check_data(again, headline=""))

    assert shown.context["form"].errors
    assert "stale-edits" not in shown.text


@pytest.mark.parametrize(
    "token",
    [
        pytest.param(lambda token: token[:-4] + "AAAA", id="altered"),
        pytest.param(lambda token: "not a token", id="made up"),
    ],
)
def test_stale_edits_altered_on_the_check_step_are_not_shown(admin_client, checked, token):
    again = stale_again(admin_client, checked)
    data = check_data(again, headline="")

    shown = admin_client.post(CHECK, data | {"check_edits": token(data["check_edits"])})

    page = unescape(shown.text)
    assert f"<li>{UNREADABLE}</li>" in page
    assert STALE_HEADLINE not in page
    assert not Article.objects.exists()


def test_stale_edits_of_someone_else_are_not_shown_to_a_contributor(
    admin_client, client, checked, priya
):
    data = check_data(stale_again(admin_client, checked), headline="")
    contributor = staff("add_article", "change_article", "view_article", "view_author")
    client.force_login(contributor)
    mine = client.post(PAGE, paste_form(author=str(priya.pk), pasted=PASTE))
    assert mine.status_code == 200

    shown = client.post(CHECK, check_data(mine, headline="") | {"check_edits": data["check_edits"]})

    page = unescape(shown.text)
    assert f"<li>{UNREADABLE}</li>" in page
    assert STALE_HEADLINE not in page
    client.force_login(staff("view_article", "change_article"))
    assert client.post(CHECK, data).status_code == 403
    assert not Article.objects.exists()
