"""Who may do what with an article.

Two groups, made by a data migration (0004_editorial_roles) with exactly these powers:

- **Editors** do everything with articles, authors, tags and site pages, and hold the
  `articles.publish_article` permission: publish, schedule, unpublish, correct, share previews.
- **Contributors** write drafts, edit their own drafts and submit them for review. They cannot
  publish, schedule, unpublish or delete, nor edit anyone else's work.
"""

from django.db.models import Q

from articles.models import Article

EDITORS = "Editors"
CONTRIBUTORS = "Contributors"

PUBLISH_PERMISSION = "articles.publish_article"

# The states a contributor may leave an article in, and so the only ones they may edit it in.
CONTRIBUTOR_STATUSES = (Article.Status.DRAFT, Article.Status.IN_REVIEW)


def can_publish(user) -> bool:
    """Publish, schedule, unpublish and feature articles; add corrections; share previews."""
    return user.is_active and user.has_perm(PUBLISH_PERMISSION)


def owned_by(user) -> Q:
    """Articles `user` started, or that carry their byline."""
    return Q(created_by=user) | Q(bylines__author__user=user)


def is_own(user, article: Article) -> bool:
    if not user.is_authenticated or article.pk is None:
        return False
    if article.created_by_id == user.pk:
        return True
    return article.bylines.filter(author__user=user).exists()


def can_edit(user, article: Article) -> bool:
    """Editors edit anything; contributors only their own drafts and pieces in review."""
    if not user.has_perm("articles.change_article"):
        return False
    if can_publish(user):
        return True
    return article.status in CONTRIBUTOR_STATUSES and is_own(user, article)


def can_preview(user, article: Article) -> bool:
    """See an unpublished article at its own address: its editors, authors and creator."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    return can_publish(user) or (user.has_perm("articles.view_article") and is_own(user, article))
