"""/press/: the newest releases, whom to call, the "About" paragraph and the releases' feed, in
a fixed number of queries however many contacts it shows."""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from articles.models import Article, PressContact
from articles.press.views import LATEST_RELEASES
from newsroom import pagecache
from newsroom.models import SiteSettings
from newsroom.pagecache import schedule
from tests.articles.seo.test_structured_data import head_tags
from tests.conftest import image_bytes
from tests.factories import (
    ArticleFactory,
    MediaKitItemFactory,
    PressContactFactory,
    SitePageFactory,
)
from tests.hostile import active_content

pytestmark = pytest.mark.django_db


def release(**fields) -> Article:
    return ArticleFactory(kind=Article.Kind.PRESS_RELEASE, **fields)


def room(client) -> str:
    response = client.get("/press/")
    assert response.status_code == 200
    return response.content.decode()


def photo():
    return SimpleUploadedFile("ruth.png", image_bytes("PNG", (300, 300)))


def test_the_press_room_lists_the_newest_public_releases_only(client):
    now = timezone.now()
    for day in range(LATEST_RELEASES + 1):
        release(headline=f"Release of day {day}", published_at=now - timedelta(days=day + 1))
    release(headline="Draft release", status="draft", published_at=None)
    release(headline="Scheduled release", published_at=now + timedelta(days=1))
    ArticleFactory(headline="A news story")

    html = room(client)

    shown = [f"Release of day {day}" for day in range(LATEST_RELEASES)]
    assert [html.index(headline) for headline in shown] == sorted(
        html.index(headline) for headline in shown
    )
    assert f"Release of day {LATEST_RELEASES}" not in html
    for hidden in ("Draft release", "Scheduled release", "A news story"):
        assert hidden not in html
    assert '<a href="/news/?kind=press-release">All press releases</a>' in html


def test_the_press_room_shows_every_contact_with_ways_to_reach_them(client, media_root):
    PressContactFactory(
        name="Ruth Calloway",
        slug="ruth-calloway",
        role="Head of communications",
        email="ruth@northwind.example",
        phone="+44 (0)20 7946-0123",
        covers="Company news, Europe",
        photo=photo(),
        position=1,
    )
    PressContactFactory(
        name="Ana Ribeiro", slug="ana", email="", phone="+351 21 123 4567", for_releases=False
    )

    html = room(client)

    contacts = html[html.index('id="contacts-heading"') : html.index('id="releases-heading"')]
    assert contacts.index("Ana Ribeiro") < contacts.index("Ruth Calloway")
    assert '<li class="press-contact" id="contact-ruth-calloway">' in contacts
    assert '<p class="press-contact__role">Head of communications</p>' in contacts
    assert '<p class="press-contact__covers">Covers: Company news, Europe</p>' in contacts
    assert '<a href="mailto:ruth@northwind.example">ruth@northwind.example</a>' in contacts
    assert '<a href="tel:+442079460123">+44 (0)20 7946-0123</a>' in contacts
    assert '<a href="tel:+351211234567">+351 21 123 4567</a>' in contacts
    assert "mailto:" not in contacts[contacts.index("Ana Ribeiro") : contacts.index("Ruth")]
    assert '<a href="/press/contacts/ruth-calloway.vcf" download>' in contacts
    assert '<a href="/press/contacts/ana.vcf" download>' in contacts
    assert "<picture>" in contacts
    assert "square192" in contacts
    assert 'class="press-contact__photo"' in contacts


def test_the_press_room_ends_with_the_about_paragraph(client):
    SiteSettings(boilerplate="<p>Northwind Labs builds tools for field research.</p>").save()

    html = room(client)

    assert '<h2 id="about-organisation">About Northwind Labs</h2>' in html
    assert "builds tools for field research" in html


def test_an_empty_press_room_says_so_and_shows_no_empty_sections(client):
    html = room(client)

    assert "No press releases yet." in html
    assert "contacts-heading" not in html
    assert "about-organisation" not in html
    assert "All press releases" not in html


def test_the_media_kit_has_its_place_but_shows_nothing_yet(client):
    PressContactFactory()

    for url in ["/press/", release().get_absolute_url()]:
        response = client.get(url)
        html = response.content.decode()
        main = html[html.index("<main") : html.index("</main>")]
        assert "press/_media_kit.html" in [template.name for template in response.templates]
        assert "media kit" not in main.lower()


def test_the_press_room_offers_the_press_release_feed(client):
    release(headline="A second studio opens")

    html = room(client)

    assert (
        '<link rel="alternate" type="application/rss+xml" title="Press releases · Newsroom (RSS)" '
        'href="/news/feed/kinds/press-release/">' in html
    )
    assert '<a href="/news/feed/kinds/press-release/">Press releases by RSS</a>' in html
    feed = client.get("/news/feed/kinds/press-release/").content.decode()
    assert "A second studio opens" in feed


def test_every_page_links_the_press_room_in_its_navigation(client):
    for url, current in [("/news/", False), ("/press/", True)]:
        html = client.get(url).content.decode()
        nav = html[html.index('<nav class="site-nav"') : html.index("</nav>")]
        marked = ' aria-current="page"' if current else ""
        assert f'<a href="/press/"{marked}>Press</a>' in nav
        assert nav.index(">News<") < nav.index(">Press<")


def test_the_press_room_describes_the_organisation_with_its_media_contacts(client):
    PressContactFactory(name="Ruth Calloway", email="ruth@northwind.example", phone="")
    PressContactFactory(name="Ana Ribeiro", email="", phone="+351 21 123 4567", covers="")

    tags = head_tags(room(client))

    organisation = tags.of_type("Organization")
    assert organisation["@context"] == "https://schema.org"
    assert organisation["name"] == "Northwind Labs"
    assert organisation["contactPoint"] == [
        {
            "@type": "ContactPoint",
            "contactType": "media relations",
            "name": "Ana Ribeiro",
            "telephone": "+351211234567",
        },
        {
            "@type": "ContactPoint",
            "contactType": "media relations",
            "name": "Ruth Calloway",
            "email": "ruth@northwind.example",
            "description": "Media contact for Product launches, Europe",
        },
    ]
    assert tags.canonical == ["http://testserver/press/"]
    assert tags.first("og:title") == "Press room · Newsroom"


def test_a_site_page_cannot_take_the_press_rooms_address():
    with pytest.raises(ValidationError):
        SitePageFactory.build(slug="press").full_clean()


# The sitemap lists the press room once it has something to show.

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def page_entries(client) -> dict[str, str | None]:
    root = ET.fromstring(client.get("/sitemap-pages.xml").content)  # noqa: S314 (our own)
    return {
        url.find("sm:loc", NS).text: getattr(url.find("sm:lastmod", NS), "text", None)
        for url in root.findall("sm:url", NS)
    }


def test_the_sitemap_lists_the_press_room_with_its_latest_change(client):
    assert "http://testserver/press/" not in page_entries(client)

    release(published_at=datetime(2025, 3, 1, tzinfo=UTC))
    Article.objects.update(updated_at=datetime(2025, 3, 1, tzinfo=UTC))
    assert page_entries(client)["http://testserver/press/"] == "2025-03-01T00:00:00+00:00"

    PressContactFactory()
    PressContact.objects.update(updated_at=datetime(2025, 4, 2, tzinfo=UTC))
    pagecache.clear()
    assert page_entries(client)["http://testserver/press/"] == "2025-04-02T00:00:00+00:00"


# Query budget: the same with one contact or twelve, each with a photo, and as many pictures in
# the media kit.

# schedule, the releases' keys, their card rows with their bylines and warnings, contacts, the
# media kit, settings, navigation
QUERIES_WITH_NOTHING_KEPT = 7
# with the fragments kept and the page cache off: none
QUERIES_WITH_FRAGMENTS_KEPT = 0


@pytest.mark.parametrize("count", [1, 12])
def test_the_press_room_makes_a_fixed_number_of_queries(
    client, django_assert_num_queries, settings, count
):
    settings.PAGE_CACHE_SECONDS = 0
    for n in range(count):
        PressContactFactory(photo=photo(), covers=f"Region {n}")
        MediaKitItemFactory(image=photo())
    for _ in range(3):
        release()
    schedule.next_publication()
    pagecache.clear()

    with django_assert_num_queries(QUERIES_WITH_NOTHING_KEPT):
        html = room(client)
    with django_assert_num_queries(QUERIES_WITH_FRAGMENTS_KEPT):
        assert room(client) == html
    assert html.count('class="press-contact"') == count
    assert html.count('class="kit-item"') == count


def test_hostile_text_in_a_contact_is_shown_as_text(client):
    payload = '"><script>alert(1)</script><img src=x onerror=alert(1)>'
    plain = room(client)
    PressContactFactory(name=payload[:120], role=payload, covers=payload)
    SiteSettings(boilerplate=f"<p>{payload}</p>").save()

    html = room(client)

    assert not active_content(html) - active_content(plain)
    assert "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html
