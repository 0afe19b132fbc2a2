"""The embargo on the article's admin page: journalists' pre-access links, shared, counted and
revoked, and lifting the embargo. Editors only: the server refuses anyone else."""

import logging
import smtplib

import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from articles.admin.publishing import Action
from articles.embargo import access, mail
from articles.models import Article, Journalist, PressAccess
from articles.workflow import publishing, roles
from newsroom.admin_base import NewsroomModelAdmin
from newsroom.dates import display_datetime
from newsroom.typed_times import LocalSplitDateTimeField

logger = logging.getLogger(__name__)


class ShareForm(forms.Form):
    name = forms.CharField(max_length=120, label="Journalist's name")
    outlet = forms.CharField(max_length=120, required=False, label="Outlet")
    email = forms.EmailField(max_length=254, label="Email address")
    expires_at = LocalSplitDateTimeField(
        required=False,
        widget=AdminSplitDateTime,
        label="Link works until",
        help_text="Left empty, the link works until the embargo ends.",
    )
    send_email = forms.BooleanField(
        required=False, initial=True, label="Email the link to the journalist now"
    )


class EmbargoFormMixin(forms.ModelForm):
    """The change form's embargo box, held to the rules of `publishing.embargo` (editors only:
    for anyone else the box is read-only and not part of the form)."""

    lifts_embargo = False

    def clean_embargoed_until(self):
        until = self.cleaned_data.get("embargoed_until")
        # Only a changed embargo: a piece whose embargo has passed stays editable.
        if not self.embargo_changed():
            return until
        if until is None:
            return self.emptied()
        if problem := publishing.embargo_problem(self.as_live(), until=until):
            raise ValidationError(problem)
        return until

    def clean(self):
        cleaned_data = super().clean()
        if self.restoring and self.has_error("embargoed_until"):
            # A refused restore leaves the live embargo: the model then has nothing to refuse.
            self.instance.embargoed_until = self.live_article["embargoed_until"]
        return cleaned_data

    def embargo_changed(self) -> bool:
        """Whether the box changes the piece's embargo. A restored revision's form starts from
        the revision's embargo, but what it changes is the live piece's."""
        if not self.restoring:
            return "embargoed_until" in self.changed_data
        live = self.live_article["embargoed_until"]
        # The box shows no fractions of a second, as the form's own comparison ignores them.
        live = live and live.replace(microsecond=0)
        return self.fields["embargoed_until"].has_changed(live, self["embargoed_until"].data)

    def emptied(self):
        """The emptied box of a piece held to run at its embargo lifts the embargo, as "Lift the
        embargo" does, once the rest is saved (`EmbargoAdmin.move`): until then the embargo
        stays, so the piece is never left scheduled at it with nothing holding it. A piece
        scheduled for its own later time keeps that time; a button pressed with the box decides
        the time itself. A restored revision without the embargo lifts nothing: lifting runs
        the piece, which a restore (to a draft, say) does not mean."""
        article = self.as_live()
        until = article.embargoed_until
        held = article.is_embargoed and article.published_at == until
        if held and self.action == Action.SAVE:
            if self.restoring:
                raise ValidationError(
                    f"The piece is under embargo until {display_datetime(until)}; this revision "
                    "has none. To keep the embargo, put that time back in the box; to run the "
                    "piece now, use “Lift the embargo” on its page first."
                )
            self.lifts_embargo = True
            return article.embargoed_until
        return None


class EmbargoAdmin:
    """Mixed into ArticleAdmin, before the workflow admin."""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        context = dict(extra_context or {})
        article = self.article_for_context(request, object_id)
        if article is not None and roles.can_publish(request.user):
            context.update(self.embargo_context(request, article))
        return super().change_view(request, object_id, form_url, context)

    def embargo_context(self, request, article: Article) -> dict:
        shared = list(article.press_access.select_related("journalist", "created_by"))
        return {
            "may_share_under_embargo": article.is_embargoed,
            "press_access": [
                (
                    link,
                    request.build_absolute_uri(access.url_for(link)) if link.is_active else "",
                )
                for link in shared
            ],
            "share_form": ShareForm(),
        }

    def get_urls(self):
        opts = self.model._meta
        prefix = f"{opts.app_label}_{opts.model_name}"
        urls = [
            path(
                "<int:object_id>/press-access/",
                self.admin_site.admin_view(require_POST(self.share_under_embargo)),
                name=f"{prefix}_press_access_create",
            ),
            path(
                "<int:object_id>/press-access/<int:access_id>/revoke/",
                self.admin_site.admin_view(require_POST(self.revoke_press_access)),
                name=f"{prefix}_press_access_revoke",
            ),
            path(
                "<int:object_id>/embargo/lift/",
                self.admin_site.admin_view(require_POST(self.lift_embargo)),
                name=f"{prefix}_embargo_lift",
            ),
        ]
        return urls + super().get_urls()

    def _editors_article(self, request, object_id) -> Article:
        if not roles.can_publish(request.user):
            raise PermissionDenied
        return get_object_or_404(Article, pk=object_id)

    @staticmethod
    def _back_to(article: Article) -> HttpResponseRedirect:
        url = reverse("admin:articles_article_change", args=[article.pk])
        return HttpResponseRedirect(f"{url}#press-access")

    def share_under_embargo(self, request, object_id):
        article = self._editors_article(request, object_id)
        form = ShareForm(request.POST)
        if not form.is_valid():
            errors = "; ".join(f"{e}" for field in form.errors.values() for e in field)
            self.message_user(request, f"Nothing was shared: {errors}", messages.ERROR)
            return self._back_to(article)
        data = form.cleaned_data
        try:
            with transaction.atomic():
                journalist = access.remember_journalist(
                    name=data["name"], outlet=data["outlet"], email=data["email"]
                )
                link = access.share(
                    article,
                    journalist=journalist,
                    created_by=request.user,
                    expires_at=data["expires_at"],
                )
        except ValidationError as error:
            self.message_user(request, f"Nothing was shared: {error.messages[0]}", messages.ERROR)
            return self._back_to(article)
        url = request.build_absolute_uri(access.url_for(link))
        if data["send_email"]:
            try:
                mail.send_link(link, url=url, sender_name=request.user.get_full_name())
            except (smtplib.SMTPException, OSError):
                logger.exception("Embargo: the link for %s could not be emailed", link.pk)
                not_sent = (
                    "The email to {} could not be sent: the mail server did not take it. "
                    "Send them their link yourself, or share again to try once more (the same "
                    "link is sent): {} (it works until {})."
                )
                until = display_datetime(link.expires_at)
                self.message_user(
                    request, format_html(not_sent, journalist, url, until), messages.ERROR
                )
                return self._back_to(article)
            said = "Emailed to {}: their link works until {}."
        else:
            said = "Made for {}: their link works until {}. Send it to them yourself."
        self.message_user(
            request,
            format_html(said, journalist, display_datetime(link.expires_at)),
            messages.SUCCESS,
        )
        return self._back_to(article)

    def revoke_press_access(self, request, object_id, access_id):
        article = self._editors_article(request, object_id)
        link = get_object_or_404(PressAccess, pk=access_id, article_id=article.pk)
        access.revoke(link)
        self.message_user(
            request, f"The link for {link.journalist} no longer works.", messages.SUCCESS
        )
        return self._back_to(article)

    def lift_embargo(self, request, object_id):
        article = self._editors_article(request, object_id)
        if not article.is_embargoed:
            self.message_user(request, "This piece is not under embargo.", messages.ERROR)
            return self._back_to(article)
        self.lift(request, article)
        return self._back_to(article)

    def lift(self, request, article: Article) -> bool:
        """Lift the embargo and run the piece now, saying so; the button and the emptied box."""
        try:
            publishing.lift_embargo(article)
        except publishing.CannotPublish as refused:
            problems = " ".join(refused.problems)
            self.message_user(request, f"The embargo stays: {problems}", messages.ERROR)
            return False
        self.message_user(request, "The embargo is lifted: the piece is public now.")
        return True

    def move(self, request, article: Article, form) -> None:
        """After the change form's save (`PublishingAdmin.move`): an emptied box lifts."""
        if not form.lifts_embargo:
            super().move(request, article, form)
        elif self.lift(request, article):
            request.publishing_note = reversion.get_comment() if reversion.is_active() else ""


class PressAccessInline(admin.TabularInline):
    """A journalist's links, read-only: they are made and revoked on the article's page."""

    model = PressAccess
    fields = ["article", "state", "expires_at", "view_count", "last_viewed_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "Pieces shared under embargo"

    def has_add_permission(self, request, obj):
        return False

    def get_queryset(self, request):
        # Each row shows its article, and its status reads it: one query, not one per row.
        return super().get_queryset(request).select_related("article")

    @admin.display(description="Status")
    def state(self, obj):
        return obj.state


@admin.register(Journalist)
class JournalistAdmin(NewsroomModelAdmin):
    """The press list: journalists remembered from earlier releases (editors only)."""

    list_display = ["name", "outlet", "email", "created_at"]
    search_fields = ["name", "outlet", "email"]
    fields = ["name", "outlet", "email"]
    inlines = [PressAccessInline]
