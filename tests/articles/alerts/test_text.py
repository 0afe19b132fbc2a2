"""The text part of an alert, as a mail app without HTML shows it: built and sent for real
through the SMTP server on loopback."""

import pytest

from articles.alerts.sending import send_instant_alerts
from tests.factories import ArticleFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


def alert_text(mailbox, body: str) -> str:
    SubscriberFactory()
    piece = ArticleFactory(headline="Notes from the harbour", introduction="", body=body)

    send_instant_alerts(1, piece.pk, "published")

    [alert] = mailbox.messages
    return alert.text


def test_superscripts_and_subscripts_read_as_on_the_page(mailbox):
    text = alert_text(
        mailbox,
        "<p>The claim was true<sup>3</sup>: E = mc<sup>2</sup>, CO<sub>2</sub> and "
        "C<sub>max</sub> in the 21<sup>st</sup> century.</p>",
    )

    assert "The claim was true³: E = mc², CO₂ and C_(max) in the 21st century." in text


def test_a_footnote_link_keeps_its_number_raised_and_its_address_after_it(mailbox):
    text = alert_text(
        mailbox,
        '<p>It was true<sup><a href="https://example.com/notes#3">3</a></sup> then.</p>',
    )

    assert "It was true³ <https://example.com/notes#3> then." in text


@pytest.mark.parametrize(
    ("body", "lines"),
    [
        (
            "<ol><li>Write the agenda.</li><li>Send it a day ahead.</li></ol>",
            ["1. Write the agenda.", "2. Send it a day ahead."],
        ),
        (
            '<ol start="3"><li>Start on time.</li><li>End early.</li></ol>',
            ["3. Start on time.", "4. End early."],
        ),
        ('<ol type="a"><li>Ferries</li><li>Buses</li></ol>', ["a. Ferries", "b. Buses"]),
        ('<ol start="2" type="A"><li>Ferries</li><li>Buses</li></ol>', ["B. Ferries", "C. Buses"]),
        (
            '<ol start="2" type="i"><li>Two</li><li>Three</li><li>Four</li></ol>',
            ["ii. Two", "iii. Three", "iv. Four"],
        ),
        ('<ol start="9" type="I"><li>Nine</li><li>Ten</li></ol>', ["IX. Nine", "X. Ten"]),
        ('<ol start="26" type="a"><li>Zed</li><li>Past it</li></ol>', ["z. Zed", "aa. Past it"]),
        # Bullets stay bullets.
        ("<ul><li>Ferries</li><li>Buses</li></ul>", ["- Ferries", "- Buses"]),
        # Each list counts its own points: a list inside a point, and the point after it.
        (
            '<ol><li>Plan<ol type="a"><li>Agenda</li><li>Notes</li></ol></li><li>Meet</li></ol>'
            "<ul><li>Coffee<ol><li>Milk</li></ol></li><li>Tea</li></ul>",
            ["1. Plan", "a. Agenda", "b. Notes", "2. Meet", "- Coffee", "1. Milk", "- Tea"],
        ),
    ],
)
def test_a_list_is_numbered_as_the_page_counts_it(mailbox, body, lines):
    shown = [line for line in alert_text(mailbox, body).splitlines() if line]

    at = shown.index(lines[0])
    assert shown[at : at + len(lines)] == lines


@pytest.mark.parametrize(
    ("start", "numbering", "first"),
    [
        # A start the sanitiser does not keep: the list starts at 1, on the page and here.
        ("x", "i", "i."),
        ("", "a", "a."),
        ("3rd", "a", "a."),
        ("0", "a", "a."),
        ("-1", "i", "i."),
        ("99999999999999999999", "", "1."),
        # Past the numerals' range browsers count in numbers.
        ("4000", "I", "4000."),
    ],
)
def test_a_list_whose_start_cannot_be_counted_so_is_counted_as_browsers_do(
    mailbox, start, numbering, first
):
    text = alert_text(mailbox, f'<ol start="{start}" type="{numbering}"><li>One</li></ol>')

    assert f"{first} One" in text.splitlines()
