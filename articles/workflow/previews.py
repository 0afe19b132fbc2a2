"""Sign-off previews: private links for reviewers without an account, such as the executive
whose op-ed is about to run.

A link's address carries a signed token naming one `PreviewLink` record and its article (see
`links`). The record decides whether the link still works: it expires (after seven days unless
the editor chooses otherwise) and can be revoked at any time. Each visit and an approval
(of the version of the article the reviewer was shown) are recorded on the record and shown in
the admin.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, PreviewLink
from articles.workflow import links

DEFAULT_LIFETIME = timedelta(days=7)
MAX_LIFETIME = timedelta(days=90)
SALT = "articles.preview-link"

# Kept by its own name for the views that catch it.
InvalidPreview = links.InvalidLink


def create_link(
    *,
    article: Article,
    reviewer: str,
    created_by=None,
    lifetime: timedelta = DEFAULT_LIFETIME,
    now: datetime | None = None,
) -> PreviewLink:
    now = now or timezone.now()
    lifetime = min(max(lifetime, timedelta(hours=1)), MAX_LIFETIME)
    return PreviewLink.objects.create(
        article=article,
        key=links.new_key(),
        reviewer=reviewer.strip(),
        created_by=created_by,
        created_at=now,
        expires_at=now + lifetime,
    )


def token_for(link: PreviewLink) -> str:
    return links.token(salt=SALT, key=link.key, article_id=link.article_id)


def url_for(link: PreviewLink) -> str:
    return reverse("articles:preview", kwargs={"slug": link.article.slug, "token": token_for(link)})


def find_link(*, token: str) -> PreviewLink:
    """The active link that `token` names; InvalidPreview otherwise.

    The token alone names the article. The slug in the link's address may be out of date (a
    draft's slug follows its headline): the view then sends the reviewer on to `url_for(link)`
    (`links.follow`).
    """
    key, article_id = links.read_token(token, salt=SALT)
    link = (
        PreviewLink.objects.select_related("article").filter(key=key, article_id=article_id).first()
    )
    if link is None:
        raise InvalidPreview("unknown link")
    if link.revoked_at is not None:
        raise InvalidPreview("revoked")
    if link.expires_at <= timezone.now():
        raise InvalidPreview("expired")
    return link


def record_view(link: PreviewLink) -> None:
    PreviewLink.objects.filter(pk=link.pk).update(
        view_count=F("view_count") + 1, last_viewed_at=timezone.now()
    )


class ChangedSinceRead(Exception):
    """The article was saved after the reviewer's page was made: what they read is not what
    they would approve."""


@transaction.atomic
def approve(link: PreviewLink, *, version: int | None, note: str = "") -> PreviewLink:
    """Record the reviewer's sign-off of `version` of the article, the one their page showed.

    Only the article as it reads now can be approved: when it was saved since that page was
    made (or `version` is missing or made up), nothing is recorded and ChangedSinceRead raised.
    """
    # Locked until the approval is written: a save meanwhile waits, rather than slipping in
    # between the check and the record.
    current = (
        Article.objects.select_for_update()
        .values_list("version", flat=True)
        .get(pk=link.article_id)
    )
    if version != current:
        raise ChangedSinceRead(f"version {version} was read, {current} is current")
    link.approved_at = timezone.now()
    link.approved_version = version
    link.approval_note = note.strip()[:1000]
    link.save(update_fields=["approved_at", "approved_version", "approval_note"])
    return link


def revoke(link: PreviewLink) -> None:
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
