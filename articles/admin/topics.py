"""Tags in the admin: taggit's list and form, with its “Merge selected tags” held to the rules
an article's tags follow.

taggit's own merge page let anyone signed in to the admin reach it (and make the merged tag),
answered a server error without tags chosen, stripped the pieces of a chosen tag merged into
itself, made a second tag for a name differing only in case, and took a name with no address to
make (which broke every page showing it), and left the merged-away tags behind, their pages
answering 404. Here only those who may change tags merge, a merge without chosen tags goes back
to the list, the name is checked as an article's tags are, and the merged-away tags' addresses
redirect to the kept one (`articles.topics.merge_topics`).

taggit's tag page also had rows tagging any record of any model by its content type and key,
past the limit of tags a piece takes (`MAX_TAGS`) and without the piece's revision. Pieces are
tagged on their own forms; a topic's page links to the article list of those carrying it, and
lists the topic's former addresses (`TopicRedirect`) for editors to free one.

Deleting a topic goes through `articles.topics.delete_topics`; its confirmation page says how
many pieces carry each topic and how many readers follow it by email, those who follow nothing
else being unsubscribed, in the same queries however many there are.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from taggit.forms import MergeTagsForm
from taggit.models import Tag

from articles.alerts.matching import TagLink, following_only
from articles.models import Subscriber, TopicRedirect, tag_name_problems
from articles.topics import delete_topics, merge_topics
from newsroom.admin_base import FormerAddressInline

# Where taggit's list action keeps the chosen tags' keys, comma-separated, for its merge page.
CHOSEN = "selected_tag_ids"
MERGE_TEMPLATE = "admin/taggit/merge_tags_form.html"


class TopicRedirectInline(FormerAddressInline):
    model = TopicRedirect


Registered = type(admin.site.get_model_admin(Tag))


class TagAdmin(Registered):
    inlines = [TopicRedirectInline]
    fields = ["name", "slug", "pieces"]
    readonly_fields = ["pieces"]

    @admin.display(description="Pieces with this topic")
    def pieces(self, tag: Tag) -> str:
        if tag.pk is None:
            return "None yet: a topic is given to a piece on the piece's own page."
        listed = reverse("admin:articles_article_changelist") + "?" + urlencode({"tag": tag.slug})
        return format_html('<a href="{}">See them in the article list</a>', listed)

    def get_deleted_objects(self, objs, request):
        """What deleting `objs` takes: each topic, how many pieces lose it and how many readers
        following it by email stop getting it (those who follow nothing else are unsubscribed),
        in the same queries however many there are (the default lists each tagged row)."""
        pks = [topic.pk for topic in objs]
        leaving = Subscriber.objects.filter(following_only(pks)).values("pk")
        topics = Tag.objects.filter(pk__in=pks).annotate(
            carried=Count("taggit_taggeditem_items"),
            followers=_links_to_each(TagLink.objects.all()),
            leaving=_links_to_each(TagLink.objects.filter(subscriber__in=leaving)),
        )
        listed = []
        for topic in topics:
            listed += [
                f"{topic.name}: carried by {topic.carried} piece{pluralize(topic.carried)}, "
                f"which lose it; its address and former addresses will answer “Not Found”",
                [_followers_line(topic.followers, topic.leaving)],
            ]
        readers = Subscriber.objects.aggregate(
            followers=Count(
                "pk",
                filter=Q(Exists(TagLink.objects.filter(subscriber=OuterRef("pk"), tag__in=pks))),
            ),
            leaving=Count("pk", filter=following_only(pks)),
        )
        count = {
            Tag._meta.verbose_name_plural: len(topics),
            "email followers": readers["followers"],
        }
        if readers["leaving"]:
            count["email subscriptions ended"] = readers["leaving"]
        refused = set() if self.has_delete_permission(request) else {Tag._meta.verbose_name}
        return listed, count, refused, []

    def delete_model(self, request, obj):
        delete_topics([obj])

    def delete_queryset(self, request, queryset):
        delete_topics(list(queryset))

    @admin.action(description="Merge selected tags", permissions=["change"])
    def render_tag_form(self, request, queryset):
        return super().render_tag_form(request, queryset)

    def merge_tags_view(self, request):
        """Merge the tags chosen in the list into the one named; only for those who may change
        tags, however the page is reached."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        keys = request.session.get(CHOSEN, "").split(",")
        chosen = list(
            Tag.objects.filter(pk__in=[key for key in keys if key.isascii() and key.isdigit()])
        )
        changelist = reverse("admin:taggit_tag_changelist")
        if not chosen:
            request.session.pop(CHOSEN, None)
            self.message_user(
                request,
                "Choose the tags to merge in the list, then “Merge selected tags”.",
                messages.WARNING,
            )
            return redirect(changelist)
        form = MergeTagsForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            name = form.cleaned_data["new_tag_name"].strip()
            if problems := tag_name_problems([name]):
                for problem in problems:
                    form.add_error("new_tag_name", problem)
            else:
                target = merge_topics(chosen, into=name)
                request.session.pop(CHOSEN, None)
                self.message_user(
                    request,
                    f"Merged {', '.join(tag.name for tag in chosen)} into {target.name}.",
                    messages.SUCCESS,
                )
                return redirect(changelist)
        context = {
            **self.admin_site.each_context(request),
            "form": form if request.method == "POST" else MergeTagsForm(),
            "selected_tag_ids": [tag.pk for tag in chosen],
        }
        return render(request, MERGE_TEMPLATE, context)


def _links_to_each(links) -> Coalesce:
    """How many of `links` (readers' links to topics) name each topic of the query."""
    each = links.filter(tag=OuterRef("pk")).values("tag").annotate(count=Count("pk"))
    return Coalesce(Subquery(each.values("count")), 0)


def _followers_line(followers: int, leaving: int) -> str:
    if not followers:
        return "Followed by no reader by email."
    stop = "stops" if followers == 1 else "stop"
    line = f"Followed by {followers} reader{pluralize(followers)} by email, who {stop} getting it"
    if not leaving:
        return f"{line}."
    follows, are = ("follows", "is") if leaving == 1 else ("follow", "are")
    return f"{line}; {leaving} of them {follows} nothing else, and {are} unsubscribed."


admin.site.unregister(Tag)
admin.site.register(Tag, TagAdmin)
