"""Filters of the article list: status as editors think of it, the user's own pieces, tag and
author."""

from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Author, Byline
from articles.workflow import roles


class TagFilter(admin.SimpleListFilter):
    title = "tag"
    parameter_name = "tag"

    def lookups(self, request, model_admin):
        # Only topics of pieces this user may open: a draft's topic can be news in itself. Each
        # topic's pieces joined to it, which PostgreSQL looks up from the topic: as
        # `pk__in=<the pieces>` it listed every piece the user may open first.
        may_open = model_admin.get_queryset(request)
        topics = Tag.objects.filter(Exists(may_open.filter(tags=OuterRef("pk"))))
        return topics.order_by("name").values_list("slug", "name")

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(tags__slug=self.value())
        return queryset


class AuthorFilter(admin.SimpleListFilter):
    title = "author"
    parameter_name = "author"

    def lookups(self, request, model_admin):
        # Only authors of pieces this user may open, as for topics. Who may open every piece
        # has every author with a byline: a byline's piece always exists, so their bylines
        # alone are looked up.
        may_open = model_admin.get_queryset(request)
        if may_open.query.has_filters():
            bylines = may_open.filter(bylines__author=OuterRef("pk"))
        else:
            bylines = Byline.objects.filter(author=OuterRef("pk"))
        authors = Author.objects.filter(Exists(bylines))
        return authors.order_by("name").values_list("pk", "name")

    def queryset(self, request, queryset):
        # A string from the query string, or a lookup's own int pk when facets are counted.
        value = str(self.value() or "")
        if not (value.isascii() and value.isdigit()):
            return queryset
        if int(value) >= 2**63:  # beyond any database's ids (SQLite would raise)
            return queryset.none()
        return queryset.filter(bylines__author_id=int(value))


class StatusFilter(admin.SimpleListFilter):
    """Status as editors think of it: a published article with a future time is scheduled."""

    title = "status"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("draft", "Draft"),
            ("in-review", "In review"),
            ("scheduled", "Scheduled"),
            ("live", "Published (live)"),
            ("unpublished", "Unpublished"),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        match self.value():
            case "scheduled":
                return queryset.filter(status=Article.Status.PUBLISHED, published_at__gt=now)
            case "live":
                return queryset.filter(status=Article.Status.PUBLISHED, published_at__lte=now)
            case "draft" | "in-review" | "unpublished" as status:
                return queryset.filter(status=status)
        return queryset


class OwnFilter(admin.SimpleListFilter):
    """The pieces of the user signed in still being written: theirs as `roles.owned_by` reads
    it (started by them, or carrying their byline), in draft or in review: what the dashboard
    lists and counts as "your drafts"."""

    title = "yours"
    parameter_name = "mine"
    IN_PROGRESS = "in-progress"

    def lookups(self, request, model_admin):
        return [(self.IN_PROGRESS, "Your drafts and pieces in review")]

    def queryset(self, request, queryset):
        if self.value() == self.IN_PROGRESS:
            return queryset.filter(roles.in_progress_of(request.user))
        return queryset
