"""Press contacts: what editors store, who may store it, and whom a release names."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from articles.models import Article, PressContact, dialling_number
from articles.press.contacts import release_contacts
from tests.admin_forms import errors_on, form_data
from tests.factories import ArticleFactory, PressContactFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/articles/presscontact/"


def contact_form(**changes) -> dict:
    return {
        "name": "Ruth Calloway",
        "slug": "ruth-calloway",
        "role": "Head of communications",
        "covers": "Company news, Europe",
        "email": "press@northwind.example",
        "phone": "+44 20 7946 0123",
        "for_releases": "on",
        "position": "0",
    } | changes


def release(**fields) -> Article:
    return ArticleFactory(kind=Article.Kind.PRESS_RELEASE, **fields)


@pytest.mark.parametrize(
    ("typed", "dialled"),
    [
        ("+44 20 7946 0123", "+442079460123"),
        ("+1 (555) 010-0199", "+15550100199"),
        ("020 7946 0123", "02079460123"),
        ("+351 21.123.4567", "+351211234567"),
        # The trunk prefix in brackets is dialled only from inside the country.
        ("+44 (0)20 7946 0123", "+442079460123"),
        ("+49 ( 0 ) 30 1234567", "+49301234567"),
        ("(020) 7946 0123", "02079460123"),
    ],
)
def test_a_phone_number_is_dialled_by_its_digits(typed, dialled):
    contact = PressContactFactory(phone=typed)

    assert dialling_number(contact.phone) == dialled
    assert contact.tel_uri == f"tel:{dialled}"
    contact.full_clean()


@pytest.mark.parametrize(
    "phone", ["call me", "+44 20 7946 0123 ext. 5", "12", "javascript:alert(1)", "+1 <b>5550100199"]
)
def test_a_phone_number_that_is_not_one_is_refused(phone):
    with pytest.raises(ValidationError) as error:
        PressContactFactory.build(phone=phone).full_clean()

    assert "phone" in error.value.message_dict


def test_a_contact_without_email_or_phone_is_refused_by_the_form_and_the_database(editor_client):
    response = editor_client.post(f"{LIST_URL}add/", contact_form(email="", phone=""))

    assert "Give an email address, a phone number or both" in errors_on(response)
    with pytest.raises(IntegrityError), transaction.atomic():
        PressContactFactory(email="", phone="")


def test_names_and_roles_are_kept_on_one_line():
    contact = PressContactFactory(
        name="Ruth\r\nCalloway", role="Head of\ncommunications", covers="Europe,\n Asia"
    )
    contact.refresh_from_db()

    assert (contact.name, contact.role, contact.covers) == (
        "Ruth Calloway",
        "Head of communications",
        "Europe, Asia",
    )


def test_an_editor_adds_a_contact_and_every_save_is_a_revision(editor_client):
    response = editor_client.post(f"{LIST_URL}add/", contact_form())

    assert response.status_code == 302, errors_on(response)
    contact = PressContact.objects.get()
    assert (contact.name, contact.email, contact.for_releases) == (
        "Ruth Calloway",
        "press@northwind.example",
        True,
    )
    page = editor_client.get(f"{LIST_URL}{contact.pk}/change/")
    editor_client.post(f"{LIST_URL}{contact.pk}/change/", form_data(page, role="Press officer"))
    history = editor_client.get(f"{LIST_URL}{contact.pk}/history/")
    assert len(history.context["revisions"]) == 2


def test_a_contributor_sees_contacts_but_cannot_add_change_or_delete_them(
    contributor_client, editor_client
):
    contact = PressContactFactory(name="Ruth Calloway")
    forged = form_data(editor_client.get(f"{LIST_URL}{contact.pk}/change/"), name="Defaced")

    assert contributor_client.get(LIST_URL).status_code == 200
    assert contributor_client.get(f"{LIST_URL}add/").status_code == 403
    assert contributor_client.post(f"{LIST_URL}add/", contact_form(slug="x")).status_code == 403
    assert contributor_client.post(f"{LIST_URL}{contact.pk}/change/", forged).status_code == 403
    delete = contributor_client.post(f"{LIST_URL}{contact.pk}/delete/", {"post": "yes"})
    assert delete.status_code == 403
    contact.refresh_from_db()
    assert contact.name == "Ruth Calloway"
    assert list(PressContact.objects.all()) == [contact]


def test_a_contributor_names_contacts_on_their_own_release(contributor, contributor_client):
    ruth = PressContactFactory(name="Ruth Calloway", for_releases=False)
    draft = release(status="draft", published_at=None, created_by=contributor)
    url = f"/admin/articles/article/{draft.pk}/change/"

    found = contributor_client.get(
        "/admin/autocomplete/",
        {
            "term": "Ruth",
            "app_label": "articles",
            "model_name": "article",
            "field_name": "press_contacts",
        },
    )
    response = contributor_client.post(
        url, form_data(contributor_client.get(url), press_contacts=[str(ruth.pk)])
    )

    assert [result["text"] for result in found.json()["results"]] == ["Ruth Calloway"]
    assert response.status_code == 302, errors_on(response)
    assert list(draft.press_contacts.all()) == [ruth]


def test_a_release_shows_its_own_contacts_else_the_defaults_in_order():
    second = PressContactFactory(name="Ana Ribeiro", position=2)
    first = PressContactFactory(name="Zed Moreau", position=1)
    chosen = PressContactFactory(name="Ruth Calloway", for_releases=False, position=5)
    PressContactFactory(name="Not a default", for_releases=False)
    naming = release(slug="naming")
    naming.press_contacts.add(chosen, second)
    plain = release(slug="plain")
    news = ArticleFactory(slug="news")

    assert release_contacts(Article.objects.get(slug="naming")) == [second, chosen]
    assert release_contacts(Article.objects.get(slug="plain")) == [first, second]
    assert release_contacts(news) == []
    assert plain.press_contacts.count() == 0


def test_a_release_reads_its_contacts_in_one_query_however_many(django_assert_num_queries):
    PressContactFactory.create_batch(5)
    piece = Article.objects.get(pk=release().pk)

    with django_assert_num_queries(1):
        assert len(release_contacts(piece)) == 5
        assert len(release_contacts(piece)) == 5
