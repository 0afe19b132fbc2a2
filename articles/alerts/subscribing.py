"""Subscribing, confirming, changing choices and unsubscribing; export and erase for editors.

Whatever an address is (new, waiting for confirmation, subscribed), asking to subscribe it sends
one email to it and answers the same, so the form tells nobody whether an address is known:

- a new address is saved unconfirmed with its choices, and gets a confirmation link;
- an unconfirmed one takes the new choices and gets a fresh link; an address whose links
  all expire unopened is deleted (`channel.forget_unconfirmed`);
- a subscribed one changes nothing and gets a link to its preferences, where what was asked for
  is ticked for its reader to keep or not.

Past `ALERTS_ADDRESS_RATE` nothing is sent at all, and the answer is still the same; so it is when
the mail server refuses the address (a relay that knows its own domain's mailboxes would
otherwise tell anyone which exist).
Unsubscribing deletes the subscriber and their delivery records: nothing about them is kept.

A topic deleted leaves every subscriber's choices (`unfollow_topics`); a reader who followed
nothing else is unsubscribed, as by their own link, rather than kept following nothing.
"""

import logging
import smtplib
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS, IntegrityError, transaction
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.alerts import channel, messages, throttles, tokens
from articles.alerts.addresses import absolute
from articles.alerts.matching import TagLink, following_only
from articles.models import AlertDelivery, Author, Subscriber
from articles.models.alerts import join_kinds

logger = logging.getLogger(__name__)


@dataclass
class Choices:
    """What a reader asks for."""

    everything: bool = False
    kinds: list[str] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    authors: list[Author] = field(default_factory=list)
    frequency: str = Subscriber.Frequency.INSTANT
    wants_corrections: bool = False

    def apply(self, subscriber: Subscriber) -> None:
        """Set `subscriber`'s choices to these; it must be saved (its tags and authors are)."""
        subscriber.everything = self.everything
        subscriber.kinds = "" if self.everything else join_kinds(self.kinds)
        subscriber.frequency = self.frequency
        subscriber.wants_corrections = self.wants_corrections
        subscriber.save()
        subscriber.tags.set([] if self.everything else self.tags)
        subscriber.authors.set([] if self.everything else self.authors)


def find(address: str, *, for_update: bool = False) -> Subscriber | None:
    """The subscriber with `address`, in any case."""
    found = Subscriber.objects.alias(lowered=Lower("email")).filter(lowered=address.lower())
    if for_update:
        found = found.select_for_update()
    return found.first()


def confirm_url(subscriber: Subscriber) -> str:
    token = tokens.confirm_token(subscriber.key)
    return absolute(reverse("alerts:confirm", kwargs={"token": token}))


def preferences_url(subscriber: Subscriber, *, adding: Choices | None = None) -> str:
    """The address of `subscriber`'s preferences, with what `adding` asks for ticked."""
    token = tokens.subscriber_token(subscriber.key)
    url = absolute(reverse("alerts:preferences", kwargs={"token": token}))
    if adding is None:
        return url
    query = [
        *(("kinds", kind) for kind in adding.kinds),
        *(("tags", tag.pk) for tag in adding.tags),
        *(("authors", author.pk) for author in adding.authors),
    ]
    if adding.everything:
        query.append(("everything", "on"))
    return f"{url}?{urlencode(query)}" if query else url


def request_subscription(address: str, choices: Choices) -> None:
    """Answer a valid subscribe form for `address` (see the module docstring): at most one
    email, whatever the address is. Raises what sending raises, but for a refused address."""
    if not throttles.address_allowed(address):
        logger.info("Alerts: an address was asked for too often; nothing sent.")
        return
    message = _message_for(address, choices)
    try:
        message.send()
    except smtplib.SMTPRecipientsRefused as error:
        # An unconfirmed address stays until its link would have expired, as any other.
        codes = sorted({code for code, _ in error.recipients.values()})
        logger.warning("Alerts: the mail server refused an address (%s); nothing sent.", codes)


def _message_for(address: str, choices: Choices):
    with transaction.atomic():
        subscriber = find(address, for_update=True)
        if subscriber is None:
            subscriber = Subscriber(email=address, key=tokens.new_key())
            try:
                with transaction.atomic():
                    return _confirmation(subscriber, choices)
            except IntegrityError:  # the same address, saved by a request at the same moment
                subscriber = find(address, for_update=True)
        if subscriber.is_confirmed:
            return messages.already_subscribed(
                subscriber, url=preferences_url(subscriber, adding=choices)
            )
        return _confirmation(subscriber, choices)


def _confirmation(subscriber: Subscriber, choices: Choices):
    """`subscriber` saved with `choices` and the time of a new confirmation link, which the
    returned message carries; the address is forgotten if no link is opened in time."""
    subscriber.confirmation_sent_at = timezone.now()
    choices.apply(subscriber)
    channel.schedule_forgetting(subscriber.confirmation_sent_at)
    return messages.confirmation(subscriber, url=confirm_url(subscriber))


def confirm(key: str) -> Subscriber | None:
    """Confirm the subscriber with `key`; None when there is none (they unsubscribed). One whose
    alerts were stopped since the link was made (`bounces.stop`) stays as it is."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(key=key).first()
        if subscriber is None or subscriber.is_stopped:
            return subscriber
        if subscriber.confirmed_at is None:
            subscriber.confirmed_at = timezone.now()
            subscriber.stopped_at = None
            subscriber.stop_reason = ""
            subscriber.save(update_fields=["confirmed_at", "stopped_at", "stop_reason"])
            if subscriber.frequency == Subscriber.Frequency.DAILY:
                channel.start_digests()
    return subscriber


def change_choices(subscriber: Subscriber, choices: Choices) -> None:
    """What the preferences page saves."""
    with transaction.atomic():
        choices.apply(subscriber)
        if subscriber.frequency == Subscriber.Frequency.DAILY:
            channel.start_digests()


def unsubscribe(key: str) -> bool:
    """Delete the subscriber with `key` and their delivery records; True if there was one.
    Doing it again changes nothing."""
    deleted, _ = Subscriber.objects.filter(key=key).delete()
    return bool(deleted)


def unfollow_topics(tag_ids: list[int], *, using: str = DEFAULT_DB_ALIAS) -> int:
    """Take the topics `tag_ids`, about to be deleted, from every subscriber's choices, and
    unsubscribe those who followed nothing else (their deliveries go with them); the number
    unsubscribed. A fixed number of queries however many follow them."""
    links = TagLink.objects.using(using).filter(tag__in=tag_ids)
    if not links.exists():
        return 0
    with transaction.atomic(using=using):
        leaving = Subscriber.objects.using(using).filter(following_only(tag_ids))
        deliveries = AlertDelivery.objects.using(using).filter(subscriber__in=leaving.values("pk"))
        pieces = AlertDelivery.pieces.through.objects.using(using)
        pieces.filter(alertdelivery__in=deliveries.values("pk"))._raw_delete(using)
        deliveries._raw_delete(using)
        # Their links to the topics tell who they are until they go: the links go next, in the
        # same transaction (the database checks the keys as it commits).
        unsubscribed = leaving._raw_delete(using)
        links._raw_delete(using)
    return unsubscribed


def export(subscriber: Subscriber) -> dict:
    """Everything stored about `subscriber`, for a privacy request."""
    return {
        "email": subscriber.email,
        "created_at": _iso(subscriber.created_at),
        "confirmation_sent_at": _iso(subscriber.confirmation_sent_at),
        "confirmed_at": _iso(subscriber.confirmed_at),
        "everything": subscriber.everything,
        "kinds": subscriber.kind_list,
        "tags": [{"name": tag.name, "slug": tag.slug} for tag in subscriber.tags.order_by("name")],
        "authors": [
            {"name": author.name, "slug": author.slug}
            for author in subscriber.authors.order_by("name")
        ],
        "frequency": subscriber.frequency,
        "wants_corrections": subscriber.wants_corrections,
        "last_digest_at": _iso(subscriber.last_digest_at),
        "stopped_at": _iso(subscriber.stopped_at),
        "stop_reason": subscriber.stop_reason,
        "deliveries": [
            {
                "event_id": delivery.event_id,
                "digest_of": delivery.digest_on.isoformat() if delivery.digest_on else None,
                "article": delivery.article.headline if delivery.article else None,
                "pieces": [piece.headline for piece in delivery.pieces.all()],
                "kind": delivery.kind,
                "message_id": delivery.message_id,
                "created_at": _iso(delivery.created_at),
                "sent_at": _iso(delivery.sent_at),
                "failed_at": _iso(delivery.failed_at),
                "error": delivery.error,
            }
            for delivery in subscriber.deliveries.select_related("article")
            .prefetch_related("pieces")
            .order_by("pk")
        ],
    }


def erase(subscribers) -> tuple[int, int]:
    """Delete `subscribers`, their delivery records and the admin's log lines that name them
    (all but those of the erasure itself, which name no address); (subscribers, deliveries)
    deleted."""
    keys = [subscriber.pk for subscriber in subscribers]
    with transaction.atomic():
        deleted = AlertDelivery.objects.filter(subscriber__in=keys).delete()[1]
        deliveries = deleted.get(AlertDelivery._meta.label, 0)
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Subscriber),
            object_id__in=[str(key) for key in keys],
        ).exclude(action_flag=DELETION).delete()
        erased = Subscriber.objects.filter(pk__in=keys).delete()[1].get(Subscriber._meta.label, 0)
    return erased, deliveries


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None
