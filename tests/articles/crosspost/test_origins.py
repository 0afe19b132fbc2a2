"""Origins of cross-posted pieces: platforms, clean URLs and the credit line."""

from datetime import date

import pytest

from articles.crosspost import credits, origins
from tests.articles.pages import page_text
from tests.factories import ArticleFactory, AuthorFactory


@pytest.mark.parametrize(
    ("url", "platform", "form"),
    [
        ("https://www.linkedin.com/pulse/how-we-work-dana-whitfield/", "LinkedIn", "article"),
        (
            "https://www.linkedin.com/posts/dana-whitfield_culture-activity-7151-aB3d/",
            "LinkedIn",
            "post",
        ),
        ("https://uk.linkedin.com/pulse/how-we-work-dana-whitfield/", "LinkedIn", "article"),
        ("https://www.linkedin.com/feed/update/urn:li:activity:7151/", "LinkedIn", "post"),
        ("https://medium.com/@dana/how-we-work-5c1e0a7d2b94", "Medium", "article"),
        ("https://dana.medium.com/how-we-work-5c1e0a7d2b94", "Medium", "article"),
        ("https://writing.northwind.example/plan-in-seasons-5c1e0a7d2b94", "Medium", "article"),
        ("https://dana.substack.com/p/how-we-work", "Substack", "article"),
        ("https://x.com/dana/status/1879", "X", "post"),
        ("https://twitter.com/dana/status/1879", "X", "post"),
        ("https://mobile.twitter.com/dana/status/1879", "X", "post"),
        ("https://www.forbes.com/sites/dana/2025/01/14/work/", "Forbes", "article"),
        ("https://fortune.com/2025/01/14/work-lessons-tv/", "Fortune", "article"),
        ("https://www.nytimes.com/2025/01/14/opinion/work.html", "The New York Times", "article"),
        ("https://www.wsj.com/opinion/work-1", "The Wall Street Journal", "article"),
        ("https://www.ft.com/content/abc", "the Financial Times", "article"),
        ("https://www.theguardian.com/commentisfree/2025/jan/14/work", "The Guardian", "article"),
        ("https://hbr.org/2025/01/work", "Harvard Business Review", "article"),
        ("https://blog.example.org/post", "blog.example.org", "article"),
        ("https://www.northwind.example/blog/how-we-work", "northwind.example", "article"),
        ("https://xn--bcher-kva.example/essay", "bücher.example", "article"),
        # A word that happens to be hexadecimal is not a Medium story id.
        ("https://blog.example.org/why-we-deface-decade", "blog.example.org", "article"),
        ("not a url", "", "article"),
        ("", "", "article"),
    ],
)
def test_platform_detection(url, platform, form):
    assert origins.detect_platform(url) == platform
    assert origins.piece_form(url) == form


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("linkedin", "LinkedIn"),
        ("  Twitter ", "X"),
        ("NYT", "The New York Times"),
        ("financial times", "the Financial Times"),
        ("Company blog", "Company blog"),
    ],
)
def test_typed_platform_names_are_spelled_as_readers_know_them(typed, name):
    assert origins.normalise_platform(typed) == name


@pytest.mark.parametrize(
    ("url", "cleaned"),
    [
        (
            "https://www.linkedin.com/pulse/how-we-work-dana/?trackingId=ab%3D%3D&trk=public_post"
            "&utm_source=share&utm_medium=member_desktop",
            "https://www.linkedin.com/pulse/how-we-work-dana/",
        ),
        (
            "https://www.linkedin.com/posts/dana_activity-7151?lipi=urn%3Ali&utm_campaign=x",
            "https://www.linkedin.com/posts/dana_activity-7151",
        ),
        (
            "https://medium.com/@dana/work-5c1e0a7d2b94?source=rss----abc&sk=0f1e2d",
            "https://medium.com/@dana/work-5c1e0a7d2b94?sk=0f1e2d",
        ),
        (
            "https://writing.northwind.example/plan-5c1e0a7d2b94?source=friends_link",
            "https://writing.northwind.example/plan-5c1e0a7d2b94",
        ),
        ("https://x.com/dana/status/1879?s=20&t=AbC", "https://x.com/dana/status/1879"),
        (
            "https://dana.substack.com/p/work?r=2xyz&utm_medium=ios",
            "https://dana.substack.com/p/work",
        ),
        (
            "https://www.forbes.com/sites/dana/work/?sh=1a2b3c",
            "https://www.forbes.com/sites/dana/work/",
        ),
        # The share buttons of apps: who shared, on what device, from which copy.
        ("https://youtu.be/dQw4w9WgXcQ?si=AbCdEfGh12345", "https://youtu.be/dQw4w9WgXcQ"),
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s&si=AbC&feature=shared",
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s",
        ),
        (
            "https://www.threads.net/@dana/post/C1a2b3?xmt=AQGzAbC&slof=1",
            "https://www.threads.net/@dana/post/C1a2b3",
        ),
        (
            "https://www.facebook.com/dana/posts/pfbid0Ab?mibextid=Nif5oz&rdid=Xy"
            "&__cft__%5B0%5D=AZW&__tn__=%2CO%2CP-R",
            "https://www.facebook.com/dana/posts/pfbid0Ab",
        ),
        (
            "https://www.reddit.com/r/startups/comments/1abc/boards/?share_id=AbC&rdt=4242",
            "https://www.reddit.com/r/startups/comments/1abc/boards/",
        ),
        (
            "https://www.tiktok.com/@dana/video/7312?_r=1&_t=8iAbC&is_from_webapp=1"
            "&sender_device=pc",
            "https://www.tiktok.com/@dana/video/7312",
        ),
        # Substack's "Copy link" leads to the post's own address, which is the one kept.
        (
            "https://open.substack.com/pub/dana/p/why-boards-fail?r=2xyz&utm_campaign=post"
            "&utm_medium=web&showWelcomeOnShare=true",
            "https://dana.substack.com/p/why-boards-fail",
        ),
        (
            "https://open.substack.com/pub/Dana-Notes/p/why-boards-fail/#footnote-1",
            "https://dana-notes.substack.com/p/why-boards-fail/#footnote-1",
        ),
        # Its other pages are left as they are.
        ("https://open.substack.com/pub/dana", "https://open.substack.com/pub/dana"),
        (
            "https://example.org/story?id=42&fbclid=IwAR0&gclid=x&page=2",
            "https://example.org/story?id=42&page=2",
        ),
        ("HTTPS://Example.ORG:443/Story#:~:text=quoted", "https://example.org/Story"),
        ("https://example.org/story#part-2", "https://example.org/story#part-2"),
        ("https://example.org/a%20b?q=a%20b&UTM_Source=x", "https://example.org/a%20b?q=a%20b"),
        # Another platform's parameter names mean nothing special elsewhere.
        ("https://example.org/search?s=work&t=1", "https://example.org/search?s=work&t=1"),
        ("javascript:alert(1)", "javascript:alert(1)"),
        ("", ""),
    ],
)
def test_tracking_parameters_are_stripped_and_the_rest_kept_as_is(url, cleaned):
    assert origins.clean_url(url) == cleaned


ARTICLE = "https://www.linkedin.com/pulse/what-tv-show-teaches-us-work-dana-whitfield/"


@pytest.mark.parametrize(
    "url",
    [
        ARTICLE,
        ARTICLE.rstrip("/"),
        ARTICLE.replace("https://", "http://"),
        ARTICLE.replace("www.", ""),
        ARTICLE.replace("www.", "uk."),
        ARTICLE.replace("www.", "m."),
        "HTTP://WWW.LinkedIn.com/pulse/what-tv-show-teaches-us-work-dana-whitfield?trk=public_post",
    ],
)
def test_every_address_of_an_original_has_the_same_identity(url):
    assert (
        origins.origin_key(url)
        == "https://linkedin.com/pulse/what-tv-show-teaches-us-work-dana-whitfield"
    )


@pytest.mark.parametrize(
    ("url", "key"),
    [
        (
            "https://www.linkedin.com/posts/dana_meetings-activity-7151234567890123456-AbCd/",
            "https://linkedin.com/feed/update/urn:li:activity:7151234567890123456",
        ),
        (
            # No words before "activity": a post in another script, or opening with an emoji.
            "https://www.linkedin.com/posts/danawhitfield_activity-7151234567890123456-AbCd",
            "https://linkedin.com/feed/update/urn:li:activity:7151234567890123456",
        ),
        (
            "https://uk.linkedin.com/posts/dana-whitfield_%E4%BC%9A%E8%AE%AE-activity-7151234567890123456-AbCd",
            "https://linkedin.com/feed/update/urn:li:activity:7151234567890123456",
        ),
        (
            "https://de.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A7151234567890123456",
            "https://linkedin.com/feed/update/urn:li:activity:7151234567890123456",
        ),
        ("https://twitter.com/dana/status/1879?s=20", "https://x.com/i/status/1879"),
        ("https://mobile.twitter.com/Dana/status/1879", "https://x.com/i/status/1879"),
        ("https://x.com/i/web/status/1879", "https://x.com/i/status/1879"),
        ("https://twitter.com/i/status/1879/", "https://x.com/i/status/1879"),
        ("https://x.com/dana/status/1879/photo/1?lang=en", "https://x.com/i/status/1879"),
        ("https://twitter.com/dana/statuses/1879", "https://x.com/i/status/1879"),
        ("https://x.com/dana", "https://x.com/dana"),
        ("https://www.example.org/", "https://example.org"),
        ("https://example.org/story?id=42#part-2", "https://example.org/story?id=42"),
        ("https://example.org:8443/Story/", "https://example.org:8443/Story"),
        ("", ""),
        ("javascript:alert(1)", ""),
    ],
)
def test_the_identity_of_an_original(url, key):
    assert origins.origin_key(url) == key


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("https://example.org/story?id=42", "https://example.org/story?id=43"),
        ("https://example.org/Story", "https://example.org/story"),
        ("https://dana.substack.com/p/work", "https://marcus.substack.com/p/work"),
        ("https://uk.example.org/work", "https://example.org/work"),
        ("https://x.com/dana/status/1879", "https://x.com/dana/status/18790"),
        ("https://x.com/dana/status/1879", "https://example.org/dana/status/1879"),
    ],
)
def test_different_originals_keep_different_identities(one, other):
    assert origins.origin_key(one) != origins.origin_key(other)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Dana Whitfield", "Dana Whitfield's"),
        ("Marcus Ellis", "Marcus Ellis'"),
        ("JAMES", "JAMES'"),
        ("Northwind Labs", "Northwind Labs'"),
        ("Alex", "Alex's"),
        ("  Dana   Whitfield ", "Dana Whitfield's"),
        ("Dana's", "Dana's"),
        ("@danawhitfield", "@danawhitfield's"),
        ("", ""),
    ],
)
def test_possessives_follow_ap_style(name, expected):
    assert credits.possessive(name) == expected


@pytest.mark.parametrize(
    ("name", "platform", "published_on", "line"),
    [
        (
            "Dana Whitfield",
            "LinkedIn",
            None,
            "This piece was originally published on Dana Whitfield's LinkedIn.",
        ),
        (
            "Marcus Ellis",
            "Medium",
            date(2025, 1, 14),
            "This piece was originally published on Marcus Ellis' Medium on Jan 14, 2025.",
        ),
        (
            "Chris Jones",
            "substack",
            None,
            "This piece was originally published on Chris Jones' Substack.",
        ),
        ("", "LinkedIn", None, "This piece was originally published on LinkedIn."),
        (
            "Dana Whitfield",
            "Forbes",
            date(2024, 11, 3),
            "This piece was originally published in Forbes on Nov 3, 2024.",
        ),
        (
            "Dana Whitfield",
            "the Financial Times",
            None,
            "This piece was originally published in the Financial Times.",
        ),
        (
            "Dana Whitfield",
            "blog.example.org",
            None,
            "This piece was originally published on blog.example.org.",
        ),
        ("", "The Hindu", None, "This piece was originally published in The Hindu."),
        (
            "Dana Whitfield",
            "Nikkei Asia",
            None,
            "This piece was originally published in Nikkei Asia.",
        ),
        (
            "Dana Whitfield",
            "thehindu.com",
            None,
            "This piece was originally published on thehindu.com.",
        ),
        (
            "Dana Whitfield",
            "the Northwind engineering blog",
            None,
            "This piece was originally published on the Northwind engineering blog.",
        ),
        (
            "",
            "Acme's podcast site",
            None,
            "This piece was originally published on Acme's podcast site.",
        ),
        (
            "Dana Whitfield",
            "youtube",
            None,
            "This piece was originally published on Dana Whitfield's YouTube.",
        ),
        ("Dana Whitfield", "X", None, "This piece was originally published on Dana Whitfield's X."),
    ],
)
def test_attribution_wording(name, platform, published_on, line):
    credit = credits.attribution(author_name=name, platform=platform, published_on=published_on)

    assert credit.text == line


@pytest.mark.parametrize(
    ("line", "author", "platform", "published_on"),
    [
        (
            "This piece was originally published on Dana Whitfield's LinkedIn.",
            "Dana Whitfield",
            "LinkedIn",
            None,
        ),
        (
            "This piece was originally published on Marcus Ellis’ Medium on Jan 14, 2025.",
            "Marcus Ellis",
            "Medium",
            date(2025, 1, 14),
        ),
        ("This piece was originally published in Forbes.", "", "Forbes", None),
        ("This piece was originally published in The Hindu.", "", "The Hindu", None),
        ("This piece was originally published on blog.example.org", "", "blog.example.org", None),
    ],
)
def test_an_attribution_line_is_read_back_into_author_platform_and_date(
    line, author, platform, published_on
):
    assert credits.parse_attribution(line) == credits.ParsedAttribution(
        author, platform, published_on
    )
    assert credits.parse_attribution("Originally on LinkedIn.") is None


def test_there_is_no_attribution_without_a_platform():
    assert credits.attribution(author_name="Dana Whitfield", platform=" ") is None


def test_the_linked_part_of_the_credit_is_the_source_alone():
    credit = credits.attribution(author_name="Dana Whitfield", platform="LinkedIn")

    assert (credit.lead, credit.source) == (
        "This piece was originally published on ",
        "Dana Whitfield's LinkedIn",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jan 14, 2025", date(2025, 1, 14)),
        ("January 14, 2025", date(2025, 1, 14)),
        ("Sept. 3, 2024", date(2024, 9, 3)),
        ("14 January 2025", date(2025, 1, 14)),
        ("2025-01-14", date(2025, 1, 14)),
        ("Feb 30, 2025", None),
        ("Someday 1, 2025", None),
        ("last week", None),
    ],
)
def test_dates_as_pages_print_them_are_read(text, expected):
    assert credits.parse_date(text) == expected


@pytest.mark.parametrize(
    ("url", "credit"),
    [
        # News24 ends every address in the day it ran; others in a number or a UUID.
        (
            "https://www.news24.com/news24/opinions/columnists/guestcolumn/"
            "dana-whitfield-why-boards-fail-20250114",
            "This piece was originally published on news24.com.",
        ),
        (
            "https://news.example.org/opinion/why-boards-fail-1234567890",
            "This piece was originally published on news.example.org.",
        ),
        (
            "https://www.iol.co.za/business-report/opinion/why-boards-fail-"
            "0f3c9a9b-7c2d-4e5f-9a1b-2c3d4e5f6a7b",
            "This piece was originally published on iol.co.za.",
        ),
    ],
)
def test_a_date_number_or_uuid_ending_an_address_is_no_medium_story_id(url, credit):
    platform = origins.detect_platform(url)

    assert credits.attribution(author_name="Dana Whitfield", platform=platform).text == credit
    # Medium's parameters mean nothing special elsewhere.
    assert origins.clean_url(f"{url}?source=homepage") == f"{url}?source=homepage"


@pytest.mark.parametrize(
    "url",
    [
        "https://writing.northwind.example/review-of-2024-5c1e0a7d2b94",
        "https://writing.northwind.example/plan-face-b7f3e3c2a1d/",
    ],
)
def test_a_medium_story_id_after_a_year_or_a_hexadecimal_word_is_one(url):
    assert origins.detect_platform(url) == "Medium"


@pytest.mark.django_db
def test_an_op_ed_first_run_by_a_newspaper_dating_its_addresses_is_credited_to_it(client):
    origin = "https://www.news24.com/news24/opinions/dana-whitfield-why-boards-fail-20250114"
    ArticleFactory(slug="boards", origin_url=origin, authors=[AuthorFactory(name="Dana Whitfield")])

    page = page_text(client.get("/news/boards/"))

    assert "This piece was originally published on news24.com." in page
    assert "Medium" not in page
