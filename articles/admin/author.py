"""Authors in the admin: staff and the executives whose op-eds the newsroom re-publishes."""

from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.db.models import Count, Q

from articles.admin.widgets import thumbnail
from articles.models import Article, Author, AuthorRedirect
from articles.workflow import roles
from newsroom.admin_base import (
    FormerAddressInline,
    NewsroomModelAdmin,
    RestoredSlugAdmin,
    StaleSavesRefused,
)
from newsroom.revisions import RevisionAdmin


class AuthorRedirectInline(FormerAddressInline):
    model = AuthorRedirect


class CountedAuthors(ChangeList):
    """The author list, each with the number of their pieces: counted here rather than in the
    admin's queryset, which the byline field's autocomplete searches too, with no use for the
    count of every byline in the archive."""

    def get_queryset(self, request, exclude_parameters=None):
        self.root_queryset = self.model_admin.with_article_totals(request, self.root_queryset)
        return super().get_queryset(request, exclude_parameters)


@admin.register(Author)
class AuthorAdmin(StaleSavesRefused, RestoredSlugAdmin, RevisionAdmin, NewsroomModelAdmin):
    list_display = ["name", "role", "organisation", "article_count", "headshot_thumbnail"]
    search_fields = ["name", "role", "organisation"]
    ordering = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["headshot_preview"]
    autocomplete_fields = ["user"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "role", "organisation", "bio"]}),
        ("Headshot", {"fields": ["headshot", "headshot_preview"]}),
        ("Profiles", {"fields": ["linkedin_url", "website_url"]}),
        ("Advanced", {"classes": ["collapse"], "fields": ["user"]}),
    ]

    def get_inlines(self, request, obj):
        # A new author has no former address; one has once renamed while their page is public.
        return [] if obj is None else [AuthorRedirectInline]

    def get_changelist(self, request, **kwargs):
        return CountedAuthors

    def with_article_totals(self, request, authors):
        # Counted over the pieces the user may open: another's hidden draft is no contributor's
        # to know of, not even as a number beside a name.
        if roles.can_publish(request.user):
            counted = Count("bylines")
        else:
            may_open = roles.visible_in_admin(request.user, Article.objects.all())
            counted = Count("bylines", filter=Q(bylines__article__in=may_open))
        return authors.annotate(article_total=counted)

    def get_readonly_fields(self, request, obj=None):
        # Linking an author to a login decides who may edit their pieces: editors only.
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly if roles.can_publish(request.user) else [*readonly, "user"]

    @admin.display(description="Articles", ordering="article_total")
    def article_count(self, obj):
        return obj.article_total

    @admin.display(description="Headshot")
    def headshot_thumbnail(self, obj):
        return thumbnail(obj.headshot_images.thumbnail_url if obj.headshot else "", obj.name)

    @admin.display(description="Current headshot")
    def headshot_preview(self, obj):
        url = obj.headshot_images.square_src(192) if obj.headshot else ""
        return thumbnail(url, obj.name, size=160)
