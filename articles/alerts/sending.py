"""Sending alerts: `send_instant_alerts` for one event, `send_digest` for one day.

A digest lists the pieces announced that day: those whose publication the worker handed on to
the channels that day (`Event.handled_at`), whatever their publication time, so an import or a
piece published again with its earlier time is in the digest of the day it reaches instant
readers. No piece goes to a reader twice, by alert or digest, and a piece no longer public when
a reader's alert or digest is sent is not in it: a run sending thousands takes a while, and
each message asks again which of its pieces are public, and at which edition
(`articles.alerts.current`); a piece edited since its text was built (a headline, a warning,
a passage marked as a spoiler, a warning changed without saving the piece) is built again
before it goes. A reader left with nothing is sent nothing (`NOTHING_LEFT`), and is told of
the piece when it is published again; a correction cut off by its piece's withdrawal goes to
the readers it missed then too (`articles.alerts.channel.resend_corrections`). A reader's
correction is not sent while their alert of the piece waits (`awaited_alert`): a note held back
by a withdrawal reaches nobody before the alert of the piece's return.

Both are written to be called by a background task: they take plain ids and dates, read
everything else from the database, and may run again after a crash, or in several workers at
once, without sending anything twice:

1. Every message is recorded first, one `AlertDelivery` row per subscriber, unique for the event
   (or the day), so running again adds no row that is there already.
2. Each row is then claimed, sent and marked sent in one small transaction of its own. The claim
   is `SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL, so two workers never take the same row;
   a row marked sent is never claimed again. A crash between sending and marking leaves its row
   unsent and it is sent once more, with the same `Message-ID`, by which the receiving end knows
   it for the same message.
3. Messages go out in batches of `ALERTS_BATCH`, one SMTP connection each, at most
   `ALERTS_RATE` per second.

An address or a message the mail server refuses for good (a 5xx answer) marks its row failed and
sending goes on. A refusal that says the address itself does not exist (enhanced status 5.1.x,
an unknown mailbox or domain, or 5.2.1, a disabled one) also stops alerts to its subscriber
(`bounces.stop`, as a bounce the email provider reports later does): nothing more is tried
there, the reason is kept for staff, and the address is then forgotten as any unconfirmed one
is; its reader subscribes again to get alerts again. Any other 5xx
(a policy refusal, which may be of the site's server, a full mailbox) keeps the reader. Any
other error, a refused sender address included (the site's own, which every message shares),
ends the run with the rows not yet sent left for the next one.
"""

import logging
import re
import smtplib
import time
from collections.abc import Callable
from datetime import date

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from articles.alerts import bounces, matching, messages
from articles.alerts.current import public_edition, public_editions, read_again
from articles.alerts.recording import (
    DigestPiece,
    announced_on,
    record_digest,
    record_event,
    sent_a_later_digest,
    unsent_choices,
)
from articles.models import SEARCH_FIELDS, AlertDelivery, Article, Correction, Event, Subscriber

logger = logging.getLogger(__name__)

# Replaced by tests that do not want to wait.
sleep = time.sleep
clock = time.monotonic

ERROR_CHARS = 300
NOTHING_LEFT = (
    "Nothing left to send: the subscriber's choices changed, or the pieces or correction notes "
    "were withdrawn."
)

# The enhanced status (RFC 3463) of a refusal that says the address does not exist.
_GONE = re.compile(rb"\s*5\.(?:1\.\d{1,3}|2\.1)\b")

Build = Callable[[AlertDelivery, Subscriber], object | None]


def send_instant_alerts(event_id: int, article_id: int, kind: str) -> int:
    """Send the alerts of outbox event `event_id`, `kind` ("published", "corrected", or the
    same with "article." before it) about article `article_id`; the number sent.

    A publication goes to the confirmed subscribers of instant alerts who chose the piece, but
    not to those who were sent it before (a piece unpublished and published again); a
    correction, with the notes that name the event (each note is told by one event), to every
    reader who chose the piece and asked for corrections. Any other event, and a piece that is
    not public when this runs (a draft, a preview, a scheduled or unpublished piece), send
    nothing; nor is a reader sent anything once the piece, or every note, is withdrawn, or once
    they no longer ask for it (corrections turned off, other choices, the daily digest), and a
    piece or note saved since the run began goes as it reads when the reader's turn comes.
    """
    prepared = prepare_event(event_id, article_id, kind)
    if prepared is None:
        return 0
    article, corrections = prepared
    pieces = {article.pk: messages.Piece(article)}
    subjects = matching.Subjects.of(article)
    kind = matching.event_kind(kind)

    def build(row: AlertDelivery, subscriber: Subscriber):
        # Asked again for each message, as a digest's pieces are: a run takes a while, and a
        # reader may turn corrections off or choose otherwise meanwhile.
        if not matching.still_told(subscriber, subjects, kind=kind):
            return None
        edition = public_edition(article.pk)
        if edition is None:
            return None
        read_again(pieces, [article.pk], public={article.pk: edition})
        # A correction's notes too: one edited since goes as it reads now, one deleted not at all.
        notes = notes_of(event_id, article.pk) if corrections else []
        if corrections and not notes:
            return None
        piece = pieces[article.pk]
        return messages.alert(piece, subscriber, event_id=event_id, corrections=notes)

    rows = AlertDelivery.objects.filter(event_id=event_id)
    if corrections:
        rows = rows.exclude(Exists(awaited_alert(article.pk)))
    return deliver(rows, build)


def awaited_alert(article_id: int) -> QuerySet:
    """The subscriber's alert of piece `article_id` waiting to be sent: a correction's row
    waits behind it, so that a note held back by the piece's withdrawal never reaches a reader
    before the alert of its return (`articles.alerts.channel.send_alerts` queues it again)."""
    return AlertDelivery.objects.filter(
        subscriber=OuterRef("subscriber"),
        article_id=article_id,
        kind=matching.PUBLISHED,
        sent_at=None,
        failed_at=None,
    )


def prepare_event(event_id: int, article_id: int, kind: str):
    """Record the deliveries of an event (see `record_event`); (the piece, the correction notes
    the event tells of, none for a publication), or None when the event sends nothing."""
    kind = matching.event_kind(kind)
    if kind not in matching.SENDING_EVENTS:
        return None
    article = Article.objects.defer(*SEARCH_FIELDS).with_bylines().filter(pk=article_id).first()
    # Public by the clock the outbox reads too (`Article.is_published`, as the event's own check).
    if article is None or not article.is_published:
        return None
    corrections = []
    if kind == matching.CORRECTED:
        corrections = notes_of(event_id, article.pk)
        if not corrections:
            return None
        if Event.objects.filter(pk=event_id, handled_at__isnull=False).exists():
            # Its readers were recorded when it was handed on: one who subscribed since (it
            # goes again when its piece is public again) reads the piece as it now is.
            return article, corrections
    record_event(event_id, article, kind=kind)
    return article, corrections


def notes_of(event_id: int, article_id: int) -> list[Correction]:
    """The correction notes of piece `article_id` that event `event_id` tells of, oldest first,
    as they read now: one query."""
    return list(Correction.objects.filter(article_id=article_id, event_id=event_id))


def send_digest(day: date) -> int:
    """Send `day`'s digest (a day in the site's time zone) to each confirmed subscriber of the
    daily digest who chose at least one piece announced that day and not sent to them before;
    the number sent."""
    articles = announced_on(day)
    if not articles:
        return 0
    subjects = {
        article.pk: matching.Subjects(
            kind=article.kind,
            tags=frozenset(tag.pk for tag in article.tags.all()),
            authors=frozenset(byline.author_id for byline in article.ordered_bylines),
        )
        for article in articles
    }
    record_digest(day, subjects)
    pieces = {article.pk: messages.Piece(article) for article in articles}
    listing: dict[int, list[int]] = {}
    late = sent_a_later_digest(day)

    def build(row: AlertDelivery, subscriber: Subscriber):
        public = public_editions(subjects)
        mine = unsent_choices([subscriber], subjects, public=public)[subscriber.pk]
        read_again(pieces, mine, public=public)
        listing[row.pk] = mine
        if not mine:
            return None
        chosen = [pieces[key] for key in mine]
        return messages.digest(chosen, subscriber, day=day, late=subscriber.pk in late)

    def after(row: AlertDelivery, subscriber: Subscriber) -> None:
        Subscriber.objects.filter(pk=subscriber.pk).update(last_digest_at=row.sent_at)
        DigestPiece.objects.bulk_create(
            [DigestPiece(alertdelivery_id=row.pk, article_id=key) for key in listing.pop(row.pk)]
        )

    rows = AlertDelivery.objects.filter(digest_on=day, event_id__isnull=True)
    return deliver(rows, build, after_send=after)


def give_up_digest(day: date, reason: str) -> int:
    """Mark `day`'s digests not yet sent failed, for `reason`; none is sent."""
    AlertDelivery.objects.filter(digest_on=day, sent_at=None, failed_at=None).update(
        failed_at=timezone.now(), error=reason[:ERROR_CHARS]
    )
    logger.warning("Digest of %s not sent: %s", day, reason)
    return 0


def deliver(rows: QuerySet, build: Build, *, after_send=None) -> int:
    """Send every row of `rows` not yet sent, as `build` makes its message; the number sent."""
    sent = 0
    started = clock()
    while True:
        connection = get_connection(fail_silently=False)
        try:
            for _ in range(settings.ALERTS_BATCH):
                outcome = send_next(rows, build, connection, after_send=after_send)
                if outcome is None:
                    return sent
                sent += outcome
                if outcome:
                    pace(started, sent)
        finally:
            connection.close()


def pace(started: float, sent: int) -> None:
    """Wait until `sent` messages since `started` are within `ALERTS_RATE` per second."""
    due = started + sent / settings.ALERTS_RATE
    if (wait := due - clock()) > 0:
        sleep(wait)


def send_next(rows: QuerySet, build: Build, connection, *, after_send=None) -> int | None:
    """Claim one unsent row of `rows`, send its message and mark it sent, in one transaction:
    1 when sent, 0 when the row failed for good, None when no row is left to claim."""
    with transaction.atomic():
        row = (
            rows.filter(sent_at__isnull=True, failed_at__isnull=True)
            .order_by("pk")
            .select_for_update(skip_locked=True)
            .first()
        )
        if row is None:
            return None
        subscriber = Subscriber.objects.filter(
            pk=row.subscriber_id, confirmed_at__isnull=False
        ).first()
        message = build(row, subscriber) if subscriber is not None else None
        if message is None:
            return fail(row, NOTHING_LEFT)
        try:
            connection.open()  # kept open for the batch (`deliver` closes it)
            connection.send_messages([message])
        except smtplib.SMTPRecipientsRefused as error:
            codes = [code for code, _ in error.recipients.values()]
            if codes and all(500 <= code < 600 for code in codes):
                if all(_GONE.match(reply) for _, reply in error.recipients.values()):
                    bounces.stop(
                        Subscriber.objects.filter(pk=subscriber.pk),
                        reason=f"Refused by the mail server: {replies(error.recipients)}",
                    )
                return fail(row, f"Refused by the mail server: {error.recipients}")
            raise
        except (smtplib.SMTPDataError, smtplib.SMTPSenderRefused) as error:
            # A refused sender is the site's own From address (or its relay's settings): every
            # message would fail alike, so the run ends and waits for the next, unless the
            # refusal is of this message's size.
            of_the_sender = isinstance(error, smtplib.SMTPSenderRefused) and error.smtp_code != 552
            if 500 <= error.smtp_code < 600 and not of_the_sender:
                return fail(
                    row, f"Refused by the mail server: {error.smtp_code} {error.smtp_error!r}"
                )
            raise
        row.sent_at = timezone.now()
        row.save(update_fields=["sent_at"])
        if after_send is not None:
            after_send(row, subscriber)
    return 1


def replies(recipients: dict) -> str:
    """The mail server's answers to refused recipients, as its words read."""
    return "; ".join(
        f"{code} {reply.decode('utf-8', 'replace')}" for code, reply in recipients.values()
    )


def fail(row: AlertDelivery, error: str) -> int:
    logger.warning("Alert delivery %s not sent: %s", row.pk, error)
    row.failed_at = timezone.now()
    row.error = error[:ERROR_CHARS]
    row.save(update_fields=["failed_at", "error"])
    return 0
