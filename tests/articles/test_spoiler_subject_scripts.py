"""Subjects named in any script can be hidden one by one: each has a slug of its own, ASCII as
the cookie and the edge's key want it, and the same for the same name however it is cased."""

import re

import pytest

from articles.filters import spoiler_choice, spoiler_subjects
from articles.models import ContentWarning, subject_slug
from tests.conftest import NOTHING_KEPT
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

NON_LATIN = ["進撃の巨人", "Война и мир", "السلام", "★★★"]


def test_latin_subjects_keep_the_slugs_they_had():
    assert subject_slug("Low Tide at Marrow Bay") == "low-tide-at-marrow-bay"
    assert subject_slug("Amélie") == "amelie"
    assert subject_slug("") == ""
    assert subject_slug("   ") == ""


def test_every_non_latin_subject_has_its_own_ascii_slug():
    slugs = [subject_slug(name) for name in NON_LATIN]

    assert all(re.fullmatch(r"[-a-z0-9]{1,120}", slug) for slug in slugs), slugs
    assert len(set(slugs)) == len(NON_LATIN)
    # Stable, and one for the name in any case or spacing, as Latin names fold.
    assert subject_slug("ВОЙНА  и Мир") == subject_slug("Война и мир") == slugs[1]


def test_a_subject_partly_in_another_script_does_not_take_the_slug_of_its_latin_part():
    assert subject_slug("進撃の巨人 2") != subject_slug("Война 2") != "2"
    assert subject_slug("進撃の巨人 2").startswith("2-")
    assert len(subject_slug("x" * 60 + "進" * 60)) <= 120


def test_a_saved_warning_carries_the_slug(client):
    piece = ArticleFactory(spoiler_warning="spoils it all", spoiler_warning__subject="進撃の巨人")

    (warning,) = ContentWarning.objects.filter(article=piece)
    assert warning.subject_slug == subject_slug("進撃の巨人")


@pytest.fixture
def pieces():
    """A piece on ferries and three more on them, spoiling two non-Latin subjects or none."""
    ArticleFactory(slug="reading", headline="Ferries this winter", tag_names=["Ferries"])
    for slug, subject in [("titan", "進撃の巨人"), ("tolstoy", "Война и мир")]:
        ArticleFactory(
            slug=slug,
            headline=f"About {slug}",
            tag_names=["Ferries"],
            spoiler_warning="spoils the end",
            spoiler_warning__subject=subject,
        )
    ArticleFactory(slug="timetable", headline="Ferry timetable", tag_names=["Ferries"])


def listed(response) -> list[str]:
    found = re.findall(r'href="/news/([a-z]+)/"', response.content.decode())
    return sorted(set(found) & {"titan", "tolstoy", "timetable"})


def related(client) -> list[str]:
    html = client.get("/news/reading/").content.decode()
    (section,) = re.findall(r'<section class="related".*?</section>', html, flags=re.S)
    return sorted(re.findall(r'href="/news/([^/"]+)/"', section))


@pytest.mark.parametrize("cache", ["pages kept", "nothing kept"])
def test_a_reader_hides_one_non_latin_subject_on_the_index_and_the_related_list(
    client, settings, pieces, cache
):
    if cache == "nothing kept":
        settings.CACHES = NOTHING_KEPT
    titan = subject_slug("進撃の巨人")

    index = client.get("/news/").content.decode()
    assert f'<option value="{titan}">Hide spoilers for 進撃の巨人</option>' in index

    chosen = client.get("/news/", {"hide_spoilers": titan})
    assert chosen.cookies["hide_spoilers"].value == titan
    assert listed(chosen) == ["timetable", "tolstoy"]
    assert f'<option value="{titan}" selected>' in chosen.content.decode()
    assert "Pieces with spoilers for 進撃の巨人 are hidden." in chosen.content.decode()

    # The cookie now carries the choice to the next visit and to an article's related list.
    assert listed(client.get("/news/")) == ["timetable", "tolstoy"]
    assert related(client) == ["timetable", "tolstoy"]
    client.cookies["hide_spoilers"] = subject_slug("Война и мир")
    assert listed(client.get("/news/")) == ["timetable", "titan"]
    assert related(client) == ["timetable", "titan"]
    client.get("/news/", {"hide_spoilers": "none"})
    assert related(client) == ["timetable", "titan", "tolstoy"]


@pytest.mark.parametrize(
    "forged",
    [
        # The name itself, as a browser's UTF-8 bytes reach a cookie header.
        "進撃の巨人".encode().decode("latin-1"),
        "%E9%80%B2%E6%92%83",
        "0123456789",
        "ffffffffff",
        "2-" + "0" * 10,
        "a" * 4000,
        "x" * 120 + subject_slug("進撃の巨人"),
        subject_slug("進撃の巨人") + "\x00",
    ],
)
def test_a_forged_or_overlong_subject_is_no_choice(client, pieces, forged):
    assert spoiler_choice(forged) == ""

    client.cookies["hide_spoilers"] = forged
    assert listed(client.get("/news/")) == ["timetable", "titan", "tolstoy"]


def test_the_subjects_offered_name_each_script_once(pieces):
    ArticleFactory(spoiler_warning="spoils it", spoiler_warning__subject="ВОЙНА И МИР")

    names = dict(spoiler_subjects())
    assert sorted(names) == sorted({subject_slug("進撃の巨人"), subject_slug("Война и мир")})
