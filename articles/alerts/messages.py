"""The emails of alerts, built with Django's email framework as the embargo's are
(`articles.embargo.mail`): HTML and plain text from templates, with the site's name and colours.

An alert names the piece with its warnings first, in the subject, the preview text (what mail
apps show after the subject) and the body. Its text is the feeds' (`articles.feeds.entries`):
spoiler passages replaced by "[spoiler]", links absolute; a piece held behind its warning sends
the warning and a link alone. A picture in the text is named by its alt text ("[Picture: …]"),
in both parts alike. No passage marked as a spoiler is anywhere in the message, and should a
headline, summary or alt text repeat one, the subject, preview text and picture leave it out.
There is no image and no tracking pixel: nothing in a message reports that it was opened.

Every alert carries its reader's own links (preferences, and one-click unsubscribe per RFC 8058
in `List-Unsubscribe` and `List-Unsubscribe-Post`) and a `Message-ID` made from what it is for,
the same each time the same message is sent. Every other email has a random one; all of them
name the site's domain, never the machine that sent them (Django's default).
"""

import re
import secrets
from dataclasses import dataclass, field
from datetime import date
from email.utils import formataddr
from html import escape, unescape
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.functional import cached_property

from articles.alerts import tokens
from articles.alerts.addresses import absolute
from articles.feeds.entries import readable
from articles.feeds.scope import KIND_PLURALS
from articles.models import Article, Correction, Subscriber
from articles.spoilers import leaked_passage, warned_description
from newsroom.addresses import address
from newsroom.models import SiteSettings
from newsroom.plaintext import plain_lines
from newsroom.spoiler_markup import spoiler_passages
from newsroom.text import strip_control_characters

ONE_CLICK = "List-Unsubscribe=One-Click"

# A picture in stored rich text, whose attribute values the sanitiser always double-quotes.
_PICTURE = re.compile(r'<img\b(?:[^>"]|"[^"]*")*>', re.IGNORECASE)
_ALT = re.compile(r'\salt="([^"]*)"', re.IGNORECASE)


def one_line(text: str) -> str:
    """`text` fit for a header: no control characters, no line breaks, spaces folded."""
    return " ".join(strip_control_characters(text or "").split())


def without_pictures(html: str, passages: list[str]) -> str:
    """`html` with each picture replaced by its alt text, left out should it repeat one of the
    spoiler `passages`: a picture in an email is loaded from the site when it is opened, which
    would report the opening."""

    def named(picture: re.Match) -> str:
        alt = _ALT.search(picture.group(0))
        words = " ".join(unescape(alt.group(1)).split()) if alt else ""
        if words and not leaked_passage(words, passages):
            return escape(f"[Picture: {words}]", quote=False)
        return "[Picture]"

    return _PICTURE.sub(named, html)


def site_name() -> str:
    return one_line(SiteSettings.current().site_name)


def sender() -> str:
    """The alerts' From: the site's name and `ALERTS_FROM_EMAIL`."""
    return formataddr((site_name(), settings.ALERTS_FROM_EMAIL))


def mail_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def message_id(purpose: str, subscriber_id: int) -> str:
    """The `Message-ID` of one message to one subscriber: the same for the same message each
    time it is made, and telling nothing of who it is for."""
    digest = salted_hmac("articles.alerts.message-id", f"{purpose}|{subscriber_id}").hexdigest()
    return f"<alert.{digest[:32]}@{mail_domain()}>"


def random_message_id() -> str:
    """A new `Message-ID`, for a message sent once (a confirmation link)."""
    return f"<alert.{secrets.token_hex(16)}@{mail_domain()}>"


def event_message_id(event_id: int, subscriber_id: int) -> str:
    return message_id(f"event:{event_id}", subscriber_id)


def digest_message_id(day: date, subscriber_id: int) -> str:
    return message_id(f"digest:{day.isoformat()}", subscriber_id)


@dataclass(frozen=True)
class ReaderLinks:
    """A subscriber's own absolute links: preferences and unsubscribe."""

    preferences: str
    unsubscribe: str

    @classmethod
    def of(cls, subscriber: Subscriber) -> "ReaderLinks":
        token = tokens.subscriber_token(subscriber.key)
        return cls(
            preferences=absolute(reverse("alerts:preferences", kwargs={"token": token})),
            unsubscribe=absolute(reverse("alerts:unsubscribe", kwargs={"token": token})),
        )

    @property
    def headers(self) -> dict[str, str]:
        return {"List-Unsubscribe": f"<{self.unsubscribe}>", "List-Unsubscribe-Post": ONE_CLICK}


@dataclass
class Piece:
    """A piece as alerts show it, worked out once for every reader it goes to."""

    article: Article
    site_name: str = field(default_factory=site_name)

    @cached_property
    def url(self) -> str:
        return absolute(self.article.get_absolute_url())

    @cached_property
    def warnings(self) -> list[str]:
        return [one_line(f"(Warning: {w.text})") for w in self.article.ordered_warnings]

    @cached_property
    def held(self) -> bool:
        return self.article.holds_text_back

    @cached_property
    def passages(self) -> list[str]:
        article = self.article
        return spoiler_passages(f"{article.introduction or ''} {article.body or ''}")

    @cached_property
    def title(self) -> str:
        return one_line(f"{self.article.kind_label}: {self.article.headline}")

    @cached_property
    def heading(self) -> str:
        """ "Kind: Headline"; the kind and the site's name instead, should the headline repeat a
        spoiler passage."""
        if leaked_passage(self.title, self.passages):
            return one_line(f"{self.article.kind_label} from {self.site_name}")
        return self.title

    @cached_property
    def subject(self) -> str:
        """The warnings, then the heading."""
        return one_line(" ".join([*self.warnings, self.heading]))

    @cached_property
    def preview(self) -> str:
        """What mail apps show after the subject: the warnings and the spoiler-free description
        as feeds give it; the warnings alone for a piece held behind them."""
        if self.held:
            return " ".join(self.warnings)
        described = one_line(warned_description(self.article))
        if leaked_passage(described, self.passages):
            return " ".join(self.warnings)
        return described

    @cached_property
    def summary(self) -> str:
        """The spoiler-free description, as feeds and link previews give it; nothing for a piece
        held behind its warning."""
        if self.held:
            return ""
        described = one_line(self.article.meta_description)
        return "" if leaked_passage(described, self.passages) else described

    @cached_property
    def introduction(self) -> str:
        article = self.article
        if self.held or not article.has_introduction:
            return ""
        return without_pictures(readable(article.introduction, self.url), self.passages)

    @cached_property
    def body(self) -> str:
        if self.held:
            return ""
        return without_pictures(readable(self.article.body, self.url), self.passages)

    def context(self) -> dict:
        return {
            "piece": self,
            "article": self.article,
            "site_name": self.site_name,
            "introduction_text": plain_lines(self.introduction),
            "body_text": plain_lines(self.body),
        }


def _message(*, subject: str, to: str, template: str, context: dict, headers=None):
    context = {
        "site_name": site_name(),
        "news_url": absolute(address("articles:index")),
        **context,
    }
    message = EmailMultiAlternatives(
        subject=one_line(subject),
        body=render_to_string(f"articles/alerts/email/{template}.txt", context),
        from_email=sender(),
        to=[to],
        headers={"Message-ID": random_message_id(), **(headers or {})},
    )
    message.attach_alternative(
        render_to_string(f"articles/alerts/email/{template}.html", context), "text/html"
    )
    return message


def corrections_label(corrections) -> str:
    """What the notes are, for a subject: "Correction", "Update", or "Corrections" when there
    are several and one of them corrects a mistake ("Updates" when none does)."""
    kinds = {correction.kind for correction in corrections}
    if len(corrections) == 1:
        return corrections[0].get_kind_display()
    return "Corrections" if Correction.Kind.CORRECTION in kinds else "Updates"


def alert(piece: Piece, subscriber: Subscriber, *, event_id: int, corrections=()):
    """The instant alert of `piece` for `subscriber`; a correction's when `corrections` are
    the notes to announce, oldest first."""
    links = ReaderLinks.of(subscriber)
    subject = piece.subject
    if corrections:
        note = f"{corrections_label(corrections)}:"
        subject = one_line(" ".join([*piece.warnings, note, piece.heading]))
    return _message(
        subject=subject,
        to=subscriber.email,
        template="alert",
        context={
            **piece.context(),
            "links": links,
            "subscriber": subscriber,
            "corrections": corrections,
            "preview": piece.preview,
        },
        headers={**links.headers, "Message-ID": event_message_id(event_id, subscriber.pk)},
    )


def digest(pieces: list[Piece], subscriber: Subscriber, *, day: date, late: bool = False):
    """One day's pieces that `subscriber` chose, in one email; one `late`, that follows a later
    day's, names its weekday and says it is late."""
    links = ReaderLinks.of(subscriber)
    name = site_name()
    count = len(pieces)
    noun = "piece" if count == 1 else "pieces"
    preview = " · ".join(piece.subject for piece in pieces)
    when = f"{day:%A}, {day:%b} {day.day} (sent late)" if late else f"{day:%b} {day.day}"
    return _message(
        subject=f"{name}: {count} new {noun}, {when}",
        to=subscriber.email,
        template="digest",
        context={
            "pieces": pieces,
            "day": day,
            "late": late,
            "links": links,
            "subscriber": subscriber,
            "preview": preview,
        },
        headers={**links.headers, "Message-ID": digest_message_id(day, subscriber.pk)},
    )


def describe_choices(subscriber: Subscriber, *, tags=None, authors=None) -> list[str]:
    """What a subscriber chose, in words: "Everything", "Op-eds", "Pieces about Television"."""
    if subscriber.everything:
        return [f"Everything from {site_name()}"]
    if tags is None:
        tags = list(subscriber.tags.all()) if subscriber.pk else []
    if authors is None:
        authors = list(subscriber.authors.all()) if subscriber.pk else []
    return [
        *(KIND_PLURALS[kind] for kind in subscriber.kind_list),
        *(f"Pieces by {author.name}" for author in authors),
        *(f"Pieces about {tag.name}" for tag in tags),
    ]


def confirmation(subscriber: Subscriber, *, url: str):
    """The double opt-in: a link that confirms `subscriber`'s address, and what they chose."""
    return _message(
        subject=f"Confirm your email alerts from {site_name()}",
        to=subscriber.email,
        template="confirm",
        context={
            "subscriber": subscriber,
            "url": url,
            "choices": describe_choices(subscriber),
            "days": settings.ALERTS_CONFIRM_DAYS,
        },
    )


def already_subscribed(subscriber: Subscriber, *, url: str):
    """For an address that is subscribed already: nothing changes until its reader chooses to,
    at their preferences page (`url`, with what was asked for ticked)."""
    return _message(
        subject=f"Your email alerts from {site_name()}",
        to=subscriber.email,
        template="known",
        context={"subscriber": subscriber, "url": url, "choices": describe_choices(subscriber)},
    )
