"""Sending a journalist their pre-access link, through Django's email framework.

The message names the embargo in its subject and first line, so that no one can say they were
not told, with its offset from UTC, so that no one reads it in a zone of the same name. It
carries the link and nothing of the piece itself (the link is the piece, and it can be revoked;
an email cannot).
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone

from articles.models import PressAccess
from newsroom.dates import display_datetime_abroad


def send_link(access: PressAccess, *, url: str, sender_name: str = "") -> None:
    """Email `access`'s journalist the absolute `url` of their link; note when it was sent."""
    context = {
        "access": access,
        "article": access.article,
        "journalist": access.journalist,
        "url": url,
        "sender_name": sender_name,
        "organisation": settings.NEWSROOM_ORGANISATION,
    }
    until = display_datetime_abroad(access.article.embargoed_until)
    # A header can carry no line break: a headline is one line, but make sure.
    headline = " ".join(access.article.headline.split())
    message = EmailMultiAlternatives(
        subject=f"Embargoed until {until}: {headline}",
        body=render_to_string("articles/embargo/email.txt", context),
        to=[access.journalist.email],
    )
    message.attach_alternative(
        render_to_string("articles/embargo/email.html", context), "text/html"
    )
    message.send()
    access.emailed_at = timezone.now()
    access.save(update_fields=["emailed_at"])
