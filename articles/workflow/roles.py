"""Who may do what with an article.

Two groups, made by a data migration (0004_editorial_roles) with exactly these powers:

- **Editors** do everything with articles, authors, tags and site pages, and hold the
  `articles.publish_article` permission: publish, schedule, unpublish, return a piece in review
  to draft, correct, share previews.
- **Contributors** write drafts, edit their own drafts and submit them for review. They cannot
  publish, schedule, unpublish or delete, nor edit anyone else's work.

What a contributor may *see* in the admin is their own pieces (ones they started or that carry
their byline, in any state) and the pieces readers can see now. Someone else's draft, piece in
review, scheduled or unpublished piece is not in their list and opens nowhere: an unannounced
launch or an embargoed release is the newsroom's to share, not every contributor's. They read
the history of their own pieces only, never restore or recover a version (reverting happens
before any form is checked, and can unpublish or rewrite what an editor approved), and never see
the sign-off links an editor makes (with one they could approve their own piece as the outside
reviewer). `docs/security.md` lists every role's powers.
"""

from django.db.models import Q, QuerySet

from articles.models import Article, Byline, public_now

EDITORS = "Editors"
CONTRIBUTORS = "Contributors"

PUBLISH_PERMISSION = "articles.publish_article"

# The states a contributor may leave an article in, and so the only ones they may edit it in.
CONTRIBUTOR_STATUSES = (Article.Status.DRAFT, Article.Status.IN_REVIEW)


def can_publish(user) -> bool:
    """Publish, schedule, unpublish and feature articles; add corrections; share previews."""
    return user.is_active and user.has_perm(PUBLISH_PERMISSION)


def owned_by(user) -> Q:
    """Articles `user` started, or that carry their byline (one row each, whatever the bylines)."""
    bylined = Byline.objects.filter(author__user=user).values("article_id")
    return Q(created_by=user) | Q(pk__in=bylined)


def in_progress_of(user) -> Q:
    """`user`'s own pieces still being written: drafts and pieces in review."""
    return owned_by(user) & Q(status__in=CONTRIBUTOR_STATUSES)


def visible_in_admin(user, articles: QuerySet) -> QuerySet:
    """The part of `articles` that `user` may open in the admin (see the module docstring)."""
    if can_publish(user):
        return articles
    # The public condition on the row itself: as `pk__in=published()` PostgreSQL listed every
    # public piece before each page of the list, its count and its filters' choices.
    return articles.filter(owned_by(user) | public_now())


def may_use_desk(user) -> bool:
    """The editor's desk (dashboard, calendar, calendar feed) is for editors and contributors."""
    return user.is_active and user.is_staff and user.has_perm("articles.view_article")


def on_desk(user, articles: QuerySet) -> QuerySet:
    """The part of `articles` the desk shows `user`: everything to editors; to a contributor,
    their own pieces (the public pieces of others are on the site, not on their plan)."""
    if can_publish(user):
        return articles
    return articles.filter(owned_by(user))


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


def can_read_history(user, article: Article) -> bool:
    """Read an article's saved versions: editors, and its own authors and creator."""
    return can_publish(user) or is_own(user, article)


def can_preview(user, article: Article) -> bool:
    """See an unpublished article at its own address: its editors, authors and creator."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    return can_publish(user) or (user.has_perm("articles.view_article") and is_own(user, article))
