"""The credit line of cross-posted pieces: possessives, wording, dates read back, and which
source an address credits."""

from datetime import date

import pytest

from articles.crosspost import credits, origins
from tests.articles.pages import page_text
from tests.factories import ArticleFactory, AuthorFactory


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
