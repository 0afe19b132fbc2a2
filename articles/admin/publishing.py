"""Publishing from the change form: one button per decision, not a status to pick.

"Save draft" (or "Update" for a piece that runs), "Submit for review", "Publish now",
"Schedule…", "Unpublish" and "Return to draft" are submit buttons whose names (`BUTTONS`) the
save path maps onto the workflow's transitions in `articles.workflow.publishing`: the form's
edits are saved as they are, then the transition moves the article and names itself in the
revision. Who may press which button is decided here on the server as on the page: a
contributor's forged `_publish` is refused (403) before anything is read.
"""

import copy
from dataclasses import dataclass
from datetime import datetime

import reversion
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.html import format_html

from articles.models import Article
from articles.workflow import checklist, publishing, roles
from newsroom.richtext import sanitized_as_stored
from newsroom.typed_times import LocalDateTimeField


class Action(models.TextChoices):
    SAVE = "save", "Save"
    SUBMIT = "submit", "Submit for review"
    PUBLISH = "publish", "Publish now"
    SCHEDULE = "schedule", "Schedule"
    UNPUBLISH = "unpublish", "Unpublish"
    RETURN = "return", "Return to draft"


# Button names in the POST; "_continue" keeps the editor on the form after saving.
SAVE_BUTTON = "_continue"
BUTTONS = {
    "_submit": Action.SUBMIT,
    "_publish": Action.PUBLISH,
    "_schedule": Action.SCHEDULE,
    "_unpublish": Action.UNPUBLISH,
    "_return": Action.RETURN,
}
EDITORS_ONLY = {Action.PUBLISH, Action.SCHEDULE, Action.UNPUBLISH, Action.RETURN}
# The time a schedule is typed in: to the minute, in the newsroom's time zone.
SCHEDULE_FORMAT = "%Y-%m-%dT%H:%M"


def requested(data) -> Action:
    """The action of the button that sent `data`; a plain save when none is named."""
    return next((action for name, action in BUTTONS.items() if name in data), Action.SAVE)


def goes_public(article: Article, data) -> bool:
    """True when the posted form leaves `article` published (now or later): the publish checks
    then apply, as they do to any edit of a piece that is published."""
    action = requested(data)
    if action in (Action.PUBLISH, Action.SCHEDULE):
        return True
    return action != Action.UNPUBLISH and article.status == Article.Status.PUBLISHED


def refused(article: Article, action: Action) -> str | None:
    """Why `action` cannot apply to `article` as saved, or None."""
    live = article.is_published
    if action == Action.UNPUBLISH and article.status != Article.Status.PUBLISHED:
        return "This article is not published, so there is nothing to unpublish."
    if action in (Action.PUBLISH, Action.SCHEDULE) and live:
        return "This article is already live. Unpublish it first to publish it again later."
    if action == Action.SUBMIT and article.status == Article.Status.PUBLISHED:
        return "This article is published; only drafts go for review."
    if action == Action.RETURN and article.status != Article.Status.IN_REVIEW:
        return "Only a piece in review goes back to draft."
    return None


@dataclass(frozen=True)
class Button:
    name: str
    label: str


def buttons_for(user, article: Article | None) -> list[Button]:
    """The buttons `user` is offered for `article` (None while it is being added), first the
    one pressing Enter in a field chooses."""
    status = article.status if article is not None else Article.Status.DRAFT
    may_publish = roles.can_publish(user)
    published = status == Article.Status.PUBLISHED
    save_label = {
        Article.Status.DRAFT: "Save draft",
        Article.Status.IN_REVIEW: "Save",
        Article.Status.UNPUBLISHED: "Save",
    }.get(status, "Update")
    buttons = [Button(SAVE_BUTTON, save_label)]
    if status == Article.Status.DRAFT and not may_publish:
        buttons.append(Button("_submit", "Submit for review"))
    if may_publish and not (article is not None and article.is_published):
        buttons.append(Button("_publish", "Publish now"))
    if may_publish and status == Article.Status.IN_REVIEW:
        # Not ready: back to its writer, off the editors' review list.
        buttons.append(Button("_return", "Return to draft"))
    if may_publish and published:
        scheduled = article.is_scheduled
        buttons.append(Button("_unpublish", "Cancel the schedule" if scheduled else "Unpublish"))
    return buttons


def schedule_field() -> LocalDateTimeField:
    zone = timezone.get_current_timezone_name()
    return LocalDateTimeField(
        label=f"Date and time ({zone})",
        required=False,
        input_formats=[SCHEDULE_FORMAT],
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local", "step": 60}, format=SCHEDULE_FORMAT
        ),
    )


def return_reason_field() -> forms.CharField:
    """The editor's optional note to the writer, sent with "Return to draft"."""
    limit = publishing.RETURN_NOTE_LENGTH
    return forms.CharField(
        label="Note to the writer (optional)",
        required=False,
        max_length=limit,
        error_messages={
            "max_length": f"Keep the note to {limit} characters (it has %(show_value)d)."
        },
        widget=forms.TextInput(attrs={"class": "vTextField"}),
        help_text="Why it goes back: they see it on the piece's page; it stays in its history.",
    )


class PublishingFormMixin(forms.ModelForm):
    """The chosen action, checked against the role, the article's state and the publish checks.

    The admin sets `request` on the form class (see `WorkflowFormMixin`).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = requested(self.data) if self.is_bound else Action.SAVE
        if self.may_publish:
            self.fields["schedule_at"] = schedule_field()
            if self.instance.status == Article.Status.IN_REVIEW:
                self.fields["return_reason"] = return_reason_field()
            if self.instance.is_scheduled:
                self.initial["schedule_at"] = timezone.localtime(self.instance.published_at)

    def clean(self):
        cleaned_data = super().clean()
        if problem := refused(self.instance, self.action):
            self.add_error(None, problem)
        if self.action == Action.SCHEDULE:
            self.check_schedule(cleaned_data.get("schedule_at"))
        if goes_public(self.instance, self.data):
            self.refuse_unready(cleaned_data)
        return cleaned_data

    def check_schedule(self, when: datetime | None) -> None:
        if "schedule_at" in self.errors:
            return
        if when is None:
            self.add_error("schedule_at", "Choose the date and time to publish at.")
        elif when <= timezone.now():
            self.add_error(
                "schedule_at",
                "Choose a time in the future; to publish straight away, use “Publish now”.",
            )

    def refuse_unready(self, cleaned_data) -> None:
        """Every reason the article cannot go out, each on the field it concerns."""
        candidate = copy.copy(self.instance)
        for name, value in cleaned_data.items():
            if name in {"tags", "press_contacts", "edit_token", "schedule_at"} or not hasattr(
                candidate, name
            ):
                continue
            setattr(candidate, name, "" if value is False else value)
        candidate.body = sanitized_as_stored(cleaned_data.get("body", self.instance.body))
        for check in checklist.content_checklist(candidate):
            # Spoiler leaks are refused on every save, published or not, by ArticleAdminForm.
            if check.problem and check.code != "spoilers":
                self.add_error(check.field if check.field in self.fields else None, check.problem)


class PublishingAdmin:
    """Mixed into ArticleAdmin: the buttons, who may press them, and the transitions."""

    save_on_top = False

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        forged = request.method == "POST" and requested(request.POST) in EDITORS_ONLY
        if forged and not roles.can_publish(request.user):
            raise PermissionDenied
        return super().changeform_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        may_save = (
            self.has_add_permission(request) if add else self.has_change_permission(request, obj)
        )
        context["publishing"] = {
            "buttons": buttons_for(request.user, obj) if may_save else [],
            "schedule": form["schedule_at"]
            if may_save and "schedule_at" in form.fields and not (obj and obj.is_published)
            else None,
            "return_reason": form["return_reason"]
            if may_save and "return_reason" in form.fields
            else None,
            "can_delete": obj is not None and self.has_delete_permission(request, obj),
            "returned": publishing.standing_return(obj) if obj is not None else None,
        }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_related(self, request, form, formsets, change):
        # After the bylines: publishing checks the byline as saved.
        super().save_related(request, form, formsets, change)
        self.move(request, form.instance, form)

    def move(self, request, article: Article, form) -> None:
        """Apply the form's action to the article just saved."""
        action = form.action
        try:
            if action == Action.PUBLISH:
                publishing.publish_now(article)
            elif action == Action.SCHEDULE:
                publishing.publish(article, at=form.cleaned_data["schedule_at"])
            elif action == Action.UNPUBLISH:
                publishing.unpublish(article)
            elif action == Action.SUBMIT and article.status == Article.Status.DRAFT:
                publishing.submit_for_review(article)
            elif action == Action.RETURN and article.status == Article.Status.IN_REVIEW:
                note = form.cleaned_data.get("return_reason", "")
                publishing.return_to_draft(article, note=note, by=request.user)
            else:
                return
        except publishing.CannotPublish as error:
            self.message_user(
                request,
                format_html("Saved, but not published: {}", " ".join(error.problems)),
                messages.ERROR,
            )
            return
        request.publishing_note = reversion.get_comment() if reversion.is_active() else ""

    # The revision is named by the admin's change message; the transition's name goes first.

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self.name_transition(request)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        self.name_transition(request)
        return entry

    def name_transition(self, request) -> None:
        note = getattr(request, "publishing_note", "")
        if note and reversion.is_active():
            reversion.set_comment(f"{note} {reversion.get_comment()}".strip())
