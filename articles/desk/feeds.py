"""Private calendar feed addresses: one per person, secret, resettable.

Calendar apps cannot sign in, so the address is the credential. It carries a random key signed
with the site's SECRET_KEY: the database holds only the key (a copy of the database alone gives
no working address), the signature is checked in constant time before the database is asked,
and resetting replaces the key, so the old address stops working at once. Who the address
belongs to is read again on every request: someone who lost their place on the desk gets
nothing.
"""

import secrets

from django.core import signing
from django.urls import reverse
from django.utils import timezone

from articles.models import CalendarFeed
from articles.workflow import roles

SALT = "articles.desk.calendar-feed"


def _signer() -> signing.Signer:
    return signing.Signer(salt=SALT)


def token_for(feed: CalendarFeed) -> str:
    return _signer().sign(feed.key)


def url_for(feed: CalendarFeed) -> str:
    return reverse("admin:desk_calendar_feed", kwargs={"token": token_for(feed)})


def reset(user) -> CalendarFeed:
    """Give `user` a new address, retiring the one they had."""
    feed, _ = CalendarFeed.objects.update_or_create(
        user=user, defaults={"key": secrets.token_urlsafe(32), "created_at": timezone.now()}
    )
    return feed


def turn_off(user) -> None:
    CalendarFeed.objects.filter(user=user).delete()


def owner_of(token: str):
    """The user whose address `token` is, if it still works and they may still use the desk."""
    try:
        key = _signer().unsign(token)
    except signing.BadSignature:
        return None
    feed = CalendarFeed.objects.select_related("user").filter(key=key).first()
    if feed is None or not roles.may_use_desk(feed.user):
        return None
    return feed.user
