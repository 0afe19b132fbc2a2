"""Restoring an article's revision, or recovering a deleted article, in the admin.

django-reversion's revision and recover pages write the version to the database, then show it
in the change form to be checked and saved like any edit; `newsroom.revisions.RevisionAdmin`
decides who may. This mixin of `ArticleAdmin` hands the form what the piece is now
(`live_article`: its version, address and whether that is fixed), keeps when and whether it
runs and its standing return (`KEPT_AS_LIVE`), shows the version's own address when another
article has it by now (`restored_slug`), and says on opening the version what saving it would
refuse or keep. A recovered piece is written back past the version it was deleted at and off
the site (`articles.workflow.versions`, `recovery`): its page says how it comes back. Once a
restored or recovered version is saved, the editor goes on on the piece's own page.
"""

from datetime import datetime

from django.contrib import messages
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from reversion.models import Version

from articles.admin.crosspost import duplicate_origin_error
from articles.admin.forms import address_taken_error, named_for
from articles.admin.workflow import over_live_piece
from articles.models import SAVED_STATE, Article, Author, Byline, SlugRedirect
from articles.models.authors import GONE_AUTHORS
from articles.models.returns import RETURN_FIELDS
from articles.workflow import recovery
from newsroom.addresses import address
from newsroom.dates import display_datetime
from newsroom.free_addresses import restored_slug
from newsroom.revisions import restore_notes

# When and whether a piece runs. Restoring a version brings back what the piece says; these stay
# as the piece has them now (a version from before it first ran has no publication time), and
# the form's buttons change them as on any edit.
PUBLICATION = ("status", "published_at", "embargoed_until")
# So does its standing return, workflow state like its status: a version saved while the piece
# was returned brings back no return that has lapsed since, nor takes away one that stands.
KEPT_AS_LIVE = (*PUBLICATION, *RETURN_FIELDS)


class RestoringAdmin:
    """Mixed into ArticleAdmin, before the RevisionAdmin it builds on."""

    def revision_view(self, request, object_id, version_id, extra_context=None):
        request.restoring = True
        # The version continues from the live piece's, whose address and whether it is fixed
        # the form keeps (`WorkflowFormMixin`). An id that is no number finds nothing (404).
        if str(object_id).isdigit():
            request.live_article = (
                Article.objects.filter(pk=object_id)
                .values("version", "slug_fixed", *SAVED_STATE, *RETURN_FIELDS)
                .first()
            )
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        request.recovering = True
        return super().recover_view(request, version_id, extra_context)

    def response_change(self, request, obj):
        # The restore and recover pages write their version back each time they open: saved,
        # the editor goes on on the piece's own page, not on the version again.
        if getattr(request, "recovering", False):
            if obj.is_published or obj.is_embargoed or obj.is_scheduled:
                note = format_html("“{}” is recovered, {}.", obj, publication_state(obj))
            else:
                note = format_html("“{}” is recovered, {}", obj, off_the_site(obj))
        elif getattr(request, "restoring", False) and "_continue" in request.POST:
            note = format_html(
                "“{}” is restored from its history; it is {}.", obj, publication_state(obj)
            )
        else:
            return super().response_change(request, obj)
        self.message_user(request, note, messages.SUCCESS)
        opts = self.opts
        change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        return HttpResponseRedirect(change)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        live = getattr(request, "live_article", None)
        if obj is not None and restore_notes() is not None and over_live_piece(live):
            # Restoring a revision (not recovering): the version's own, for the page to say.
            request.restored_publication = [getattr(obj, name) for name in PUBLICATION]
            for name in KEPT_AS_LIVE:
                setattr(obj, name, live[name])
        if obj is not None and (slug := restored_slug(Article, obj.pk)):
            # The version's address, which another article has by now: shown in the form,
            # which refuses it. The row holds another only until then.
            obj.slug = slug
            obj.remember_saved_state({"slug"})
        return obj

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # What saving the version would refuse, or change for another piece, is said before the
        # editor saves; the form refuses it in the same words.
        if request.method == "GET" and restore_notes() is not None and obj is not None:
            for level, message in self.restore_problems(request, obj):
                self.message_user(request, message, level)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def restore_problems(self, request, obj: Article) -> list[tuple[int, str]]:
        problems = []
        held = Article.objects.same_original(obj.origin_url).exclude(pk=obj.pk).first()
        if held is not None:
            error = duplicate_origin_error(held, user=request.user)
            problems.append((messages.ERROR, error.message))
        holder = Article.objects.filter(slug=obj.slug).exclude(pk=obj.pk).first()
        if holder is not None:
            error = address_taken_error(holder, user=request.user)
            problems.append((messages.ERROR, error.message))
        elif self.keeps_restored_slug(request, obj):
            left = SlugRedirect.objects.filter(old_slug=obj.slug).exclude(article=obj.pk).first()
            if left is not None:
                # Taken over as when the slug is typed by hand (see the editors' guide).
                note = format_html(
                    "This version's address, {}, is a former address of {}: links to it lead "
                    "there now. Saved with this address, this piece answers them once it is "
                    "public.",
                    address("articles:detail", obj.slug),
                    named_for(request.user, left.article),
                )
                problems.append((messages.WARNING, note))
        if gone := (restore_notes() or {}).get((Byline, obj.pk, GONE_AUTHORS)):
            names = " and ".join(deleted_author_name(pk) for pk in gone)
            note = (
                f"This version's byline names {names}, deleted since: the bylines below leave "
                "them out. To credit them again, recover or add them under Authors, then add "
                "their byline."
            )
            problems.append((messages.WARNING, note))
        if (was := notes_of(obj, recovery.AT_DELETION)) is not None:
            problems.append((messages.WARNING, recovery_note(obj, was)))
        restored = getattr(request, "restored_publication", None)
        if restored is not None and restored != [getattr(obj, name) for name in PUBLICATION]:
            note = format_html(
                "Restoring brings back what this version says; the piece stays as it is now: "
                "{}. The buttons below change that.",
                publication_state(obj),
            )
            problems.append((messages.WARNING, note))
        return problems

    def keeps_restored_slug(self, request, obj: Article) -> bool:
        """True when saving keeps the version's slug as it is: the live piece's (or, recovered,
        the version's) slug is fixed. One that follows the headline is made again from it,
        never at another piece's former address (`slugs.settle`)."""
        live = getattr(request, "live_article", None) or {}
        return live.get("slug_fixed", obj.slug_fixed)


def deleted_author_name(pk: int) -> str:
    """The name of the deleted author `pk`, as their last revision or the admin's record of
    their deletion kept it."""
    kept = Version.objects.get_for_object_reference(Author, pk).first()
    if kept is not None and kept.field_dict.get("name"):
        return kept.field_dict["name"]
    logged = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Author),
        object_id=str(pk),
        action_flag=DELETION,
    ).first()
    return logged.object_repr if logged is not None else "an author"


def notes_of(obj: Article, name: str):
    """What the restore under way noted of `obj`'s `name` as it wrote the version back."""
    return (restore_notes() or {}).get((Article, obj.pk, name))


# How a recovered piece that readers do not see comes back, by its status.
COMES_BACK = {
    Article.Status.DRAFT: "a draft",
    Article.Status.IN_REVIEW: "in review",
    Article.Status.UNPUBLISHED: "unpublished",
}


def off_the_site(article: Article) -> str:
    """How `article`, recovered and not public, comes back, and when readers see it."""
    again = " again" if recovery.has_run(article) else ""
    return (
        f"{COMES_BACK.get(article.status, article.status)}: readers see it{again} only once "
        "you publish it."
    )


def recovery_note(article: Article, was: recovery.AtDeletion) -> str:
    """What the recover page says of how the piece comes back (`recovery`)."""
    if was.publication["status"] == article.status:
        return (
            f"It comes back as it was when it was deleted: {article.get_status_display().lower()}."
        )
    state = publication_state(Article(**was.publication), at=was.judged_at)
    return f"This piece was {state} when it was deleted. It comes back {off_the_site(article)}"


def publication_state(article: Article, *, at: datetime | None = None) -> str:
    """Whether and when `article` runs at `at` (by default now), as the restore page says it:
    as `is_published`, `is_embargoed` and `is_scheduled` tell it now."""
    at = at or timezone.now()
    published = article.status == Article.Status.PUBLISHED
    if published and article.published_at is not None and article.published_at <= at:
        return f"live since {display_datetime(article.published_at)}"
    if published and article.embargoed_until is not None and article.embargoed_until > at:
        return f"embargoed until {display_datetime(article.embargoed_until)}"
    if published and article.published_at is not None:
        return f"scheduled for {display_datetime(article.published_at)}"
    return article.get_status_display().lower()
