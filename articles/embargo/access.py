"""Journalists' personal links to a piece under embargo.

A link works only for its one piece, until it expires (when the piece is out: at the embargo,
or at the later time the piece is scheduled for, wherever either moves, unless the editor chose
sooner) or is revoked, and only until the piece is out: lifting or clearing the embargo, or
withdrawing the piece, ends them all for good (`end_with_the_embargo`), and ended links lead to
the public page once the piece is out. A piece scheduled after its embargo stays with its
journalists from the embargo to its run, when nobody else reads it yet.
Revoking one leaves the others. Journalists are remembered by email address, so the next
release is shared with a name already known.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Journalist, PressAccess
from articles.models.embargo import release_of, release_time
from articles.workflow import links

SALT = "articles.press-access"
# What decides when a piece is out (`release_time`), as a save finds it stored.
RELEASE = ("published_at", "embargoed_until")


@transaction.atomic
def remember_journalist(*, name: str, outlet: str, email: str) -> Journalist:
    """The journalist with `email` (any case), brought up to date, or a new one."""
    email = email.strip()
    journalist = Journalist.objects.filter(email__iexact=email).select_for_update().first()
    if journalist is None:
        journalist = Journalist(email=email)
    journalist.name, journalist.outlet = name.strip(), outlet.strip()
    journalist.save()
    return journalist


@transaction.atomic
def share(
    article: Article,
    *,
    journalist: Journalist,
    created_by=None,
    expires_at: datetime | None = None,
) -> PressAccess:
    """A link for `journalist` to `article`, which must be under embargo; it expires when the
    piece is out (`release_of`), or at `expires_at` if that is sooner. A link of theirs that
    ends then and was never emailed (the mail server refused it, say) is given again rather
    than a second one."""
    now = timezone.now()
    if not article.is_embargoed:
        raise ValidationError("Only a piece under embargo is shared before it runs.")
    ends = release_of(article)
    if expires_at is not None:
        if expires_at <= now:
            raise ValidationError("A link must work for a while: choose a time in the future.")
        ends = min(ends, expires_at)
    unsent = PressAccess.objects.filter(
        article=article, journalist=journalist, revoked_at=None, emailed_at=None, expires_at=ends
    ).first()
    if unsent is not None:
        return unsent
    return PressAccess.objects.create(
        article=article,
        journalist=journalist,
        key=links.new_key(),
        created_by=created_by,
        created_at=now,
        expires_at=ends,
    )


def token_for(access: PressAccess) -> str:
    return links.token(salt=SALT, key=access.key, article_id=access.article_id)


def url_for(access: PressAccess, name: str = "articles:embargoed", **kwargs) -> str:
    """The link's page, or with `name` and its `kwargs` a download at the link, at the piece's
    address now."""
    return reverse(name, kwargs={"slug": access.article.slug, "token": token_for(access), **kwargs})


def find(*, token: str) -> PressAccess:
    """The record `token` names, active or not; InvalidLink when the token is altered or
    unknown.

    The token alone names the piece. The slug in the link's address may be out of date (an
    editor may change it by hand while the piece is under embargo): the views then send the
    journalist on to the link's address now (`links.follow`).
    """
    key, article_id = links.read_token(token, salt=SALT)
    access = (
        PressAccess.objects.select_related("article", "journalist")
        .filter(key=key, article_id=article_id)
        .first()
    )
    if access is None:
        raise links.InvalidLink("unknown link")
    return access


def record_view(access: PressAccess) -> None:
    now = timezone.now()
    PressAccess.objects.filter(pk=access.pk).update(
        view_count=F("view_count") + 1,
        first_viewed_at=Coalesce(F("first_viewed_at"), now),
        last_viewed_at=now,
    )


def end_with_the_embargo(sender, instance, created=False, using=DEFAULT_DB_ALIAS, **kwargs):
    """Links end with their piece's embargo, whatever happens to it.

    A piece whose embargo is taken off before its time, lifted or cleared however it is saved
    (`publishing.lift_embargo`, the change form, a script), or saved out of its embargo while
    its release is still to come (withdrawn), ends the links still open to it, for good:
    putting it under embargo again does not bring them back (share it anew). Ended links lead
    to the public page once the piece is out (`views._opened`). A release moved to another time
    (the embargo moved, or the piece scheduled later or sooner after it) takes along the links
    that ended with it; those the editor chose to end sooner keep their time."""
    if created:
        return  # no link to a piece yet to be saved
    # The release as stored before this save, when the piece was read with it.
    stored = getattr(instance, "saved_state", {})
    known = all(name in stored for name in RELEASE)
    before = release_time(**{name: stored[name] for name in RELEASE}) if known else None
    now = timezone.now()
    release = release_of(instance)
    to_come = instance.embargoed_until is not None and release is not None and release > now
    if not to_come and known and (before is None or before <= now):
        return  # nearly every save: no release under embargo to come, before or after
    links_open = PressAccess.objects.using(using).filter(
        article_id=instance.pk, revoked_at=None, expires_at__gt=now
    )
    if not to_come:
        links_open.update(expires_at=now)
    elif instance.status != instance.Status.PUBLISHED:
        links_open.filter(created_at__lt=now).update(expires_at=now)
    elif before is not None and before != release:
        links_open.filter(expires_at=before).update(expires_at=release)


def revoke(access: PressAccess) -> None:
    if access.revoked_at is None:
        access.revoked_at = timezone.now()
        access.save(update_fields=["revoked_at"])
