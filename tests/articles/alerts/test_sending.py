"""Sending alerts through a real SMTP server on loopback: who gets what, what a message holds,
and that a retry after a crash or an error never sends twice what was marked sent."""

import threading
from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.utils import timezone
from taggit.models import Tag

from articles.alerts import sending, subscribing
from articles.alerts.sending import send_digest, send_instant_alerts
from articles.events import dispatch
from articles.models import AlertDelivery, ContentWarning, Correction, Event, Subscriber
from articles.workflow import publishing
from tests.factories import ArticleFactory, AuthorFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


def recipients(mailbox) -> list[str]:
    return sorted(address for message in mailbox.messages for address in message.recipients)


# Who gets an alert.


def test_an_alert_goes_to_those_who_chose_the_piece(mailbox):
    dana, marcus = AuthorFactory(), AuthorFactory()
    piece = ArticleFactory(kind="op-ed", authors=[dana], tag_names=["Television"])
    television = Tag.objects.get(name="Television")
    ArticleFactory(tag_names=["Energy"])
    energy = Tag.objects.get(name="Energy")
    SubscriberFactory(email="all@example.com")
    SubscriberFactory(email="op-eds@example.com", everything=False, kinds=["news", "op-ed"])
    SubscriberFactory(email="news@example.com", everything=False, kinds=["news"])
    SubscriberFactory(email="tv@example.com", everything=False, tags=[television, energy])
    SubscriberFactory(email="energy@example.com", everything=False, tags=[energy])
    SubscriberFactory(email="dana@example.com", everything=False, authors=[marcus, dana])
    SubscriberFactory(email="marcus@example.com", everything=False, authors=[marcus])
    SubscriberFactory(email="waiting@example.com", confirmed_at=None)
    SubscriberFactory(email="daily@example.com", frequency="daily")

    assert send_instant_alerts(7, piece.pk, "article.published") == 4

    assert recipients(mailbox) == [
        "all@example.com",
        "dana@example.com",
        "op-eds@example.com",
        "tv@example.com",
    ]
    assert all(
        message.header("From") == "Newsroom <newsroom@localhost>" for message in mailbox.messages
    )


def test_a_piece_sent_before_is_not_sent_again_when_it_is_published_again(mailbox):
    SubscriberFactory()
    piece = ArticleFactory()

    assert send_instant_alerts(1, piece.pk, "published") == 1
    assert send_instant_alerts(9, piece.pk, "published") == 0
    assert len(mailbox.messages) == 1


@pytest.mark.parametrize("kind", ["article.updated", "article.unpublished", "article.deleted"])
def test_other_events_send_nothing(mailbox, kind):
    SubscriberFactory(wants_corrections=True)

    assert send_instant_alerts(1, ArticleFactory().pk, kind) == 0
    assert not mailbox.messages
    assert not AlertDelivery.objects.exists()


@pytest.mark.parametrize(
    "state",
    [
        {"status": "draft", "published_at": None},
        {"status": "in-review", "published_at": None},
        {"status": "unpublished"},
        {"published_at": timedelta(minutes=1)},
    ],
    ids=["draft", "in-review", "unpublished", "scheduled"],
)
def test_a_piece_readers_cannot_see_sends_nothing(mailbox, state):
    SubscriberFactory()
    if isinstance(state.get("published_at"), timedelta):
        state = {"published_at": timezone.now() + state["published_at"]}

    assert send_instant_alerts(1, ArticleFactory(**state).pk, "published") == 0
    assert send_instant_alerts(2, 987_654, "published") == 0
    assert not mailbox.messages


def test_a_correction_goes_only_to_those_who_asked_for_corrections(mailbox):
    piece = ArticleFactory(headline="Ferry timetable", tag_names=["Transport"])
    transport = Tag.objects.get()
    SubscriberFactory(email="plain@example.com")
    SubscriberFactory(email="corrections@example.com", wants_corrections=True)
    SubscriberFactory(
        email="other-topic@example.com", everything=False, kinds=["op-ed"], wants_corrections=True
    )
    SubscriberFactory(
        email="topic@example.com", everything=False, tags=[transport], wants_corrections=True
    )
    assert send_instant_alerts(1, piece.pk, "published") == 3
    mailbox.clear()
    assert send_instant_alerts(2, piece.pk, "corrected") == 0, "no correction note yet"
    note = Correction.objects.create(article=piece, text="The ferry leaves at 9, not 8.")

    assert send_instant_alerts(note.event_id, piece.pk, "article.corrected") == 2

    assert recipients(mailbox) == ["corrections@example.com", "topic@example.com"]
    message = mailbox.messages[0]
    assert message.subject == "Correction: News: Ferry timetable"
    assert "The ferry leaves at 9, not 8." in message.text
    assert "The first paragraph" not in message.text, "a correction sends the note and a link"


def test_each_correction_email_carries_the_notes_of_its_own_event(mailbox):
    piece = ArticleFactory(headline="Ferry timetable")
    SubscriberFactory(email="corrections@example.com", wants_corrections=True)
    first = Correction.objects.create(article=piece, text="The ferry leaves at 9, not 8.")
    # Handed on, as the worker does: its email is recorded; the next note needs an event of its own.
    assert dispatch.hand_on.call(first.event_id) == "handed on"
    second = Correction.objects.create(
        article=piece, kind=Correction.Kind.UPDATE, text="The Sunday ferry is cancelled."
    )
    third = Correction.objects.create(article=piece, text="It sails from pier 4, not pier 2.")
    assert first.event_id != second.event_id == third.event_id

    assert send_instant_alerts(second.event_id, piece.pk, "article.corrected") == 1
    assert send_instant_alerts(first.event_id, piece.pk, "article.corrected") == 1
    assert send_instant_alerts(second.event_id, piece.pk, "article.corrected") == 0

    later, earlier = mailbox.messages
    assert earlier.subject == "Correction: News: Ferry timetable"
    assert "The ferry leaves at 9, not 8." in earlier.text
    assert "Sunday" not in earlier.everything
    assert "pier 4" not in earlier.everything
    assert later.subject == "Corrections: News: Ferry timetable"
    assert later.text.index("The Sunday ferry is cancelled.") < later.text.index("pier 4")
    assert "leaves at 9" not in later.everything


# What an alert holds.

HIDDEN = "the lighthouse keeper was the thief all along"
HIDDEN_IN_INTRO = "Marrow Bay floods in the finale"


def test_a_daily_reader_who_asked_for_corrections_is_told_of_one_as_it_is_made(mailbox):
    """A digest lists the day's new pieces: a correction goes to daily readers who asked for
    corrections at once, as it goes to the others."""
    piece = ArticleFactory(headline="Ferry timetable")
    SubscriberFactory(email="daily@example.com", frequency="daily", wants_corrections=True)
    SubscriberFactory(email="daily-plain@example.com", frequency="daily")
    assert send_instant_alerts(1, piece.pk, "published") == 0, "the digest carries publications"
    note = Correction.objects.create(article=piece, text="The ferry leaves at 9, not 8.")

    assert send_instant_alerts(note.event_id, piece.pk, "article.corrected") == 1

    assert recipients(mailbox) == ["daily@example.com"]
    assert "The ferry leaves at 9, not 8." in mailbox.messages[0].text


def spoiling(**fields):
    return ArticleFactory(
        kind="op-ed",
        headline="What a TV show teaches us about trust",
        dek="A show about a harbour town, and what it says about our work.",
        introduction=(
            f'<p>Our editor on the show. <span class="spoiler">{HIDDEN_IN_INTRO}</span></p>'
        ),
        body=(
            "<p>Season two turns on a theft.</p>"
            f'<p>By the end, <span class="spoiler">{HIDDEN}</span>, and the town forgives him.</p>'
        ),
        spoiler_warning="contains spoilers for Low Tide at Marrow Bay",
        **fields,
    )


def test_an_alert_puts_the_warning_first_and_no_hidden_passage_anywhere(mailbox):
    SubscriberFactory()
    piece = spoiling()

    send_instant_alerts(1, piece.pk, "published")

    [alert] = mailbox.messages
    warning = "(Warning: contains spoilers for Low Tide at Marrow Bay)"
    assert alert.subject == f"{warning} Op-ed: What a TV show teaches us about trust"
    for hidden in (HIDDEN, HIDDEN_IN_INTRO, "lighthouse keeper", "floods in the finale"):
        assert hidden not in alert.everything
    assert alert.text.startswith(warning)
    html = alert.html
    preview = html.index('<div style="display:none')
    assert html.index(warning, preview) < html.index("teaches us about trust", preview + 1)
    assert html[preview:].startswith(
        f'<div style="display:none;max-height:0;overflow:hidden;">{warning}'
    )
    body = html.index("<h1")
    assert html.index(warning, html.index("<body")) < body
    assert "[spoiler]" in alert.text
    assert "Season two turns on a theft." in alert.text


def test_a_piece_held_behind_its_warning_sends_only_the_warning_and_a_link(mailbox):
    SubscriberFactory()
    piece = spoiling(hold_behind_warning=True)

    send_instant_alerts(1, piece.pk, "published")

    [alert] = mailbox.messages
    assert "held behind its warning" in alert.text
    assert f"http://testserver{piece.get_absolute_url()}" in alert.text
    for text in ("Season two turns on a theft", "Our editor on the show", "harbour town"):
        assert text not in alert.everything
    preview = alert.html.split('<div style="display:none;max-height:0;overflow:hidden;">')[1]
    assert preview.startswith("(Warning: contains spoilers for Low Tide at Marrow Bay)</div>")


def test_a_summary_that_gives_a_passage_away_is_left_out(mailbox):
    """Publishing refuses such a summary; one written around it is still not sent."""
    SubscriberFactory()
    piece = spoiling()
    type(piece).objects.filter(pk=piece.pk).update(
        dek=f"In the end {HIDDEN}.", headline=f"Why {HIDDEN}"
    )

    send_instant_alerts(1, piece.pk, "published")

    [alert] = mailbox.messages
    assert "lighthouse keeper" not in alert.everything
    assert (
        alert.subject
        == "(Warning: contains spoilers for Low Tide at Marrow Bay) Op-ed from Newsroom"
    )


def test_hostile_text_in_a_piece_is_sent_as_text(mailbox):
    SubscriberFactory()
    piece = ArticleFactory(headline="<script>alert(1)</script>\r\nBcc: victim@example.com")
    ContentWarning.objects.create(article=piece, text='"><img src=x onerror=alert(1)>')

    send_instant_alerts(1, piece.pk, "published")

    [alert] = mailbox.messages
    assert alert.recipients == [Subscriber.objects.get().email]
    assert "\n" not in alert.subject
    assert "victim@example.com" not in alert.header("Bcc")
    assert "<script>" not in alert.html
    assert "<img" not in alert.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in alert.html


# Retries.


def test_a_crash_between_sending_and_marking_resends_that_one_message_with_its_message_id(
    mailbox, monkeypatch
):
    for n in range(3):
        SubscriberFactory(email=f"reader{n}@example.com")
    piece = ArticleFactory()
    mark = AlertDelivery.save
    calls = []

    def crash_on_the_second(self, *args, **kwargs):
        calls.append(self.pk)
        if len(calls) == 2:
            raise SystemExit("the worker was killed")
        return mark(self, *args, **kwargs)

    with monkeypatch.context() as crash:
        crash.setattr(AlertDelivery, "save", crash_on_the_second)
        with pytest.raises(SystemExit):
            send_instant_alerts(1, piece.pk, "published")
    assert recipients(mailbox) == ["reader0@example.com", "reader1@example.com"]
    assert AlertDelivery.objects.filter(sent_at__isnull=False).count() == 1

    assert send_instant_alerts(1, piece.pk, "published") == 2

    assert recipients(mailbox) == [
        "reader0@example.com",
        "reader1@example.com",
        "reader1@example.com",
        "reader2@example.com",
    ]
    first, second = mailbox.to("reader1@example.com")
    assert first.header("Message-ID") == second.header("Message-ID")
    assert len({message.header("Message-ID") for message in mailbox.messages}) == 3
    assert not AlertDelivery.objects.filter(sent_at__isnull=True).exists()
    assert send_instant_alerts(1, piece.pk, "published") == 0
    assert len(mailbox.messages) == 4


def test_a_server_error_ends_the_run_and_the_next_sends_the_rest_once(mailbox):
    for n in range(3):
        SubscriberFactory(email=f"reader{n}@example.com")
    piece = ArticleFactory()
    mailbox.refuse["reader1@example.com"] = "451 Try again later"

    with pytest.raises(Exception, match="Try again later"):
        send_instant_alerts(1, piece.pk, "published")
    assert recipients(mailbox) == ["reader0@example.com"]

    mailbox.refuse.clear()
    assert send_instant_alerts(1, piece.pk, "published") == 2
    assert recipients(mailbox) == [
        "reader0@example.com",
        "reader1@example.com",
        "reader2@example.com",
    ]


def test_an_address_refused_for_good_is_marked_failed_and_the_others_are_sent(mailbox):
    for n in range(3):
        SubscriberFactory(email=f"reader{n}@example.com")
    mailbox.refuse["reader1@example.com"] = "550 No such user"

    assert send_instant_alerts(1, ArticleFactory().pk, "published") == 2

    failed = AlertDelivery.objects.get(failed_at__isnull=False)
    assert failed.subscriber.email == "reader1@example.com"
    assert "550" in failed.error
    assert send_instant_alerts(1, failed.article_id, "published") == 0
    assert recipients(mailbox) == ["reader0@example.com", "reader2@example.com"]


def test_a_refused_sender_address_ends_the_run_and_loses_no_readers_alert(mailbox):
    """The relay refusing the site's own From address would refuse every message alike: the
    rows wait for the next run, once the address is put right."""
    for n in range(2):
        SubscriberFactory(email=f"reader{n}@example.com")
    piece = ArticleFactory()
    mailbox.refuse_sender = "550 5.7.1 Sender address rejected: not owned by user"

    with pytest.raises(Exception, match="Sender address rejected"):
        send_instant_alerts(1, piece.pk, "published")
    assert not AlertDelivery.objects.filter(failed_at__isnull=False).exists()

    mailbox.refuse_sender = ""
    assert send_instant_alerts(1, piece.pk, "published") == 2
    assert recipients(mailbox) == ["reader0@example.com", "reader1@example.com"]


def test_a_message_refused_for_its_size_fails_alone(mailbox):
    """A 552 at the sender is about this message's size, not the site's address: its row
    fails, and the run goes on."""
    SubscriberFactory(email="reader0@example.com")
    mailbox.refuse_sender = "552 5.3.4 Message size exceeds fixed limit"

    assert send_instant_alerts(1, ArticleFactory().pk, "published") == 0

    failed = AlertDelivery.objects.get()
    assert failed.failed_at is not None
    assert "552" in failed.error


def test_messages_go_out_in_batches_at_the_configured_rate(mailbox, settings, no_waiting):
    settings.ALERTS_BATCH = 2
    settings.ALERTS_RATE = 4
    for n in range(5):
        SubscriberFactory(email=f"reader{n}@example.com")

    assert send_instant_alerts(1, ArticleFactory().pk, "published") == 5

    connections = {message.peer for message in mailbox.messages}
    assert len(connections) == 3, "one SMTP connection per batch of two"
    assert sum(no_waiting) == pytest.approx(5 / 4)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_each_message_once(mailbox, settings):
    settings.ALERTS_BATCH = 3
    # The piece first: its publication, handed on as it commits, finds no reader yet.
    piece = ArticleFactory()
    for n in range(20):
        SubscriberFactory(email=f"reader{n}@example.com")
    sent = []
    errors = []

    def worker():
        try:
            sent.append(send_instant_alerts(1, piece.pk, "published"))
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=worker) for _ in range(2)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join(timeout=60)

    assert not errors
    assert sum(sent) == 20
    assert recipients(mailbox) == sorted(f"reader{n}@example.com" for n in range(20))


# The daily digest.


DAY = date(2026, 3, 10)


def at(hour: int, *, days: int = 0) -> datetime:
    """`hour` o'clock on `DAY` (or `days` after it) in the site's time zone."""
    moment = datetime.combine(DAY + timedelta(days=days), datetime.min.time()).replace(hour=hour)
    return timezone.make_aware(moment, timezone.get_current_timezone())


def announced(article, when: datetime) -> None:
    """The piece's publication handed on to the channels at `when`, as the worker does it."""
    waiting = Event.objects.filter(
        article_id=article.pk, kind=Event.Kind.PUBLISHED, handled_at=None
    )
    assert waiting.update(handled_at=when) == 1


def test_the_digest_sends_each_reader_the_days_pieces_they_chose(mailbox):
    day = DAY
    dana = AuthorFactory(name="Dana Whitfield")
    first = ArticleFactory(headline="Ferry returns", published_at=at(8), authors=[dana])
    spoiler = spoiling(published_at=at(12), authors=[dana])
    other = ArticleFactory(headline="Other news", published_at=at(15))
    yesterdays = ArticleFactory(headline="Yesterday's", published_at=at(8, days=-1), authors=[dana])
    ArticleFactory(headline="Draft", status="draft", published_at=None, authors=[dana])
    for piece in (first, spoiler, other, yesterdays):
        announced(piece, piece.published_at)
    reader = SubscriberFactory(
        email="dana-fan@example.com",
        everything=False,
        authors=[dana],
        frequency="daily",
        confirmed_at=at(6),
    )
    SubscriberFactory(
        email="nothing-today@example.com",
        everything=False,
        kinds=["interview"],
        frequency="daily",
        confirmed_at=at(6),
    )
    SubscriberFactory(email="confirmed-later@example.com", frequency="daily")
    SubscriberFactory(email="instant@example.com", confirmed_at=at(6))

    assert send_digest(day) == 1

    [digest] = mailbox.messages
    assert digest.recipients == ["dana-fan@example.com"]
    assert digest.subject == "Newsroom: 2 new pieces, Mar 10"
    text = digest.text
    assert text.index("Ferry returns") < text.index("(Warning: contains spoilers")
    assert "Other news" not in text
    assert "Yesterday's" not in text
    assert f"http://testserver{first.get_absolute_url()}" in text
    assert f"http://testserver{spoiler.get_absolute_url()}" in text
    assert HIDDEN not in digest.everything
    assert digest.header("List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"
    reader.refresh_from_db()
    assert reader.last_digest_at is not None
    listed = subscribing.export(reader)["deliveries"][0]["pieces"]
    assert sorted(listed) == sorted([first.headline, spoiler.headline])

    assert send_digest(day) == 0
    assert len(mailbox.messages) == 1
    assert send_digest(day + timedelta(days=5)) == 0


def digest_reader(email: str, *, confirmed_at: datetime | None = None) -> Subscriber:
    """A reader of the daily digest about everything, confirmed early on `DAY`."""
    return SubscriberFactory(email=email, frequency="daily", confirmed_at=confirmed_at or at(6))


def test_the_digest_lists_the_pieces_announced_that_day_whatever_their_date(mailbox):
    """An import, or a piece published again keeping its past time, is announced the day it
    goes public: that day's digest carries it, as instant alerts do that day."""
    digest_reader("daily@example.com")
    imported = ArticleFactory(headline="Imported piece", published_at=at(9, days=-30))
    announced(imported, at(11))
    earlier = ArticleFactory(headline="Announced the day before", published_at=at(23, days=-1))
    announced(earlier, at(23, days=-1))

    assert send_digest(DAY) == 1

    [digest] = mailbox.messages
    assert digest.recipients == ["daily@example.com"]
    assert digest.subject == "Newsroom: 1 new piece, Mar 10"
    assert "Imported piece" in digest.text
    assert "Announced the day before" not in digest.text
    assert send_digest(DAY - timedelta(days=30)) == 0, "nothing was announced that day"


def test_a_piece_published_again_goes_only_to_readers_whose_digest_did_not_carry_it(mailbox):
    digest_reader("had-it@example.com")
    again = ArticleFactory(headline="Back again", published_at=at(8))
    announced(again, at(8))
    assert send_digest(DAY) == 1
    mailbox.clear()
    digest_reader("new-reader@example.com", confirmed_at=at(6, days=1))
    publishing.unpublish(again)
    publishing.publish(again)
    announced(again, at(10, days=1))
    fresh = ArticleFactory(headline="Fresh piece", published_at=at(11, days=1))
    announced(fresh, at(11, days=1))

    assert send_digest(DAY + timedelta(days=1)) == 2

    had_it, new_reader = mailbox.to("had-it@example.com"), mailbox.to("new-reader@example.com")
    assert [message.subject for message in had_it] == ["Newsroom: 1 new piece, Mar 11"]
    assert "Fresh piece" in had_it[0].text
    assert "Back again" not in had_it[0].text
    assert [message.subject for message in new_reader] == ["Newsroom: 2 new pieces, Mar 11"]
    assert "Back again" in new_reader[0].text
    assert "Fresh piece" in new_reader[0].text


def test_a_piece_withdrawn_before_its_digest_is_left_out_until_it_is_published_again(mailbox):
    digest_reader("daily@example.com")
    withdrawn = ArticleFactory(headline="Withdrawn piece", published_at=at(8))
    announced(withdrawn, at(8))
    publishing.unpublish(withdrawn)

    assert send_digest(DAY) == 0
    assert not mailbox.messages

    publishing.publish(withdrawn)
    announced(withdrawn, at(9, days=1))
    assert send_digest(DAY + timedelta(days=1)) == 1
    [digest] = mailbox.messages
    assert digest.subject == "Newsroom: 1 new piece, Mar 11"
    assert "Withdrawn piece" in digest.text


def test_a_piece_sent_as_an_instant_alert_is_not_in_the_digest_of_a_reader_who_changed(
    mailbox,
):
    reader = SubscriberFactory(email="changed@example.com", confirmed_at=at(6))
    piece = ArticleFactory(headline="Told at once", published_at=at(8))
    assert send_instant_alerts(1, piece.pk, "published") == 1
    announced(piece, at(8))
    Subscriber.objects.filter(pk=reader.pk).update(frequency="daily")
    mailbox.clear()
    publishing.unpublish(piece)
    publishing.publish(piece)
    announced(piece, at(9, days=1))

    assert send_digest(DAY + timedelta(days=1)) == 0
    assert not mailbox.messages


def test_a_piece_in_a_digest_is_not_sent_as_an_alert_to_a_reader_who_changed(mailbox):
    reader = digest_reader("changed@example.com")
    piece = ArticleFactory(headline="Listed once", published_at=at(8))
    announced(piece, at(8))
    assert send_digest(DAY) == 1
    Subscriber.objects.filter(pk=reader.pk).update(frequency="instant")
    publishing.unpublish(piece)
    publishing.publish(piece)

    assert send_instant_alerts(2, piece.pk, "published") == 0
    assert len(mailbox.messages) == 1


def test_the_pacing_waits_only_for_what_is_due(settings, monkeypatch):
    settings.ALERTS_RATE = 2
    now = [10.0]
    waits = []
    monkeypatch.setattr(sending, "clock", lambda: now[0])
    monkeypatch.setattr(sending, "sleep", waits.append)

    sending.pace(started=10.0, sent=1)
    now[0] = 12.0
    sending.pace(started=10.0, sent=2)

    assert waits == [0.5]
