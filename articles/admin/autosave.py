"""Autosave: what an editor types into an article's change form, kept for them until they save.

While the editor types, `static/js/autosave.js` posts the form's fields as JSON to
`<id>/autosave/` a few seconds after the last change (and only when they changed). The answer
keeps them in the editor's own `DraftBuffer` for that article: never in the article, never as a
revision, never in anything public or cached. When the editor opens the article again after a
crash or a closed tab, the form offers to restore them (`GET <id>/autosave/` hands them back to
the script, which fills the form) or to discard them (`<id>/autosave/discard/`). Saving the form
creates its one revision as always and deletes the buffer.

The buffer keeps the form's edit token, and a restored form carries it again: a save of
restored changes over someone else's later save is refused like any stale save
(`articles.workflow.editing`). Only someone who may change the article reaches these addresses,
but for its author reading their own buffer back after an editor published the piece (the
read-only form then shows it, to copy); the buffer is always the signed-in editor's own, so no
address names anyone else's. Buffers nobody came back to are deleted `BUFFER_LIFETIME` after
their last save, whenever another is saved.
"""

import json
import re
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.db.models import Model
from django.http import Http404, JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from articles.admin.refused import no_longer_yours, typed_text
from articles.models import DraftBuffer
from articles.workflow import editing
from newsroom.dates import display_datetime
from newsroom.nesting import refuse_deep_nesting
from newsroom.richtext import RichTextField

# An autosave keeps what a save of the form would take: fields of at most
# DATA_UPLOAD_MAX_MEMORY_SIZE bytes, counted as Django counts a posted form (see `form_bytes`).
# JSON escapes quotes and line breaks, so its body may be up to this many times that.
JSON_ROOM = 2
# How many rows of one inline (bylines, warnings, corrections) a buffer may name.
MAX_INLINE_ROWS = 100
# A buffer nobody saved again for this long is deleted when someone saves another.
BUFFER_LIFETIME = timedelta(days=14)
# What the form carries besides its fields: not kept (the token is kept on its own).
NOT_KEPT = {"edit_token", "csrfmiddlewaretoken"}
# The largest version a buffer records (the column's range on every database).
MAX_VERSION = 2**31 - 1
MANAGEMENT_FIELDS = ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")


class Refused(Exception):
    """A request the autosave address does not take, with the status and reason to answer."""

    def __init__(self, status: int, reason: str):
        super().__init__(reason)
        self.status = status
        self.reason = reason


def json_error(status: int, reason: str) -> JsonResponse:
    return JsonResponse({"error": reason}, status=status)


def widget_names(name: str, field: forms.Field) -> list[str]:
    """The names a field's widget posts: one, or one per part of a split date and time."""
    widget = field.widget
    widget = getattr(widget, "widget", widget)  # the admin's related-object wrapper
    if isinstance(widget, forms.MultiWidget):
        return [f"{name}_{index}" for index in range(len(widget.widgets))]
    return [name]


class FormFields:
    """The names of the change form's own fields, as one editor's form of one article has them:
    the article's fields, each inline's management fields and the fields of its rows."""

    def __init__(self, names: set[str], inlines: dict[str, set[str]], choices: dict):
        self.names = names
        self.inlines = inlines
        # Field names (of the form, or of an inline's rows) that pick model instances.
        self.choices = choices
        self._row = re.compile(r"^(?P<prefix>[\w-]+?)-(?P<index>\d+)-(?P<field>\w+)$")

    def __contains__(self, name: str) -> bool:
        return self.field(name) is not None

    def field(self, name: str) -> forms.Field | bool | None:
        """The form field `name` posts to (True for management fields), or None if none."""
        if name in self.names:
            return self.choices.get(name, True)
        prefix, _, rest = name.rpartition("-")
        if prefix in self.inlines and rest in MANAGEMENT_FIELDS:
            return True
        match = self._row.match(name)
        if match is None or match["prefix"] not in self.inlines:
            return None
        if int(match["index"]) >= MAX_INLINE_ROWS or match["index"] != str(int(match["index"])):
            return None
        if match["field"] not in self.inlines[match["prefix"]]:
            return None
        return self.choices.get((match["prefix"], match["field"]), True)


def parse_fields(body: bytes, known: FormFields) -> tuple[str, dict]:
    """The edit token and the fields of an autosave's JSON body, or Refused."""
    try:
        payload = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise Refused(400, "The body is not JSON.") from error
    if not isinstance(payload, dict) or not isinstance(payload.get("fields"), dict):
        raise Refused(400, "Send an object with the form's “fields” and its edit “token”.")
    token = payload.get("token")
    parsed = editing.parse_token(token) if isinstance(token, str) and len(token) <= 40 else None
    if parsed is None or parsed[0] > MAX_VERSION:
        raise Refused(400, "The form's edit token is missing or malformed.")
    fields = payload["fields"]
    unknown = sorted(name for name in fields if not isinstance(name, str) or name not in known)
    if unknown:
        shown = ", ".join(str(name)[:60] for name in unknown[:5])
        raise Refused(400, f"Not fields of this form: {shown}.")
    for name, value in fields.items():
        values = value if isinstance(value, list) else [value]
        if not all(isinstance(item, str) for item in values):
            raise Refused(400, f"“{name}” must be text or a list of texts.")
    return token, fields


def form_bytes(fields: dict) -> int:
    """The size of `fields` as Django counts a posted form against DATA_UPLOAD_MAX_MEMORY_SIZE:
    each value's bytes, plus its name and two more."""
    total = 0
    for name, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            total += len(name.encode()) + 2 + len(item.encode())
    return total


def refuse_deep_rich_text(model, fields: dict) -> None:
    """Refused (422) when a rich-text field is nested too deep for a save to take: the editor
    learns it as they type, not when they save (`newsroom.nesting`)."""
    for field in model._meta.concrete_fields:
        value = fields.get(field.name)
        if not isinstance(field, RichTextField) or not isinstance(value, str):
            continue
        try:
            refuse_deep_nesting(value, text=f"the {field.verbose_name}")
        except ValidationError as error:
            reason = f"Your latest changes could not be kept: {error.messages[0]}"
            raise Refused(422, reason) from None


def too_large() -> JsonResponse:
    megabytes = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1_048_576
    return json_error(413, f"Too large to keep: a save takes at most {megabytes:g} MB of text.")


class AutosaveAdmin:
    """Mixed into ArticleAdmin: the autosave addresses, the restore offer on the change form,
    and the buffer's end when the form is saved."""

    def get_urls(self):
        opts = self.model._meta
        prefix = f"{opts.app_label}_{opts.model_name}"
        return [
            path(
                "<int:object_id>/autosave/",
                self.admin_site.admin_view(require_http_methods(["GET", "POST"])(self.autosave)),
                name=f"{prefix}_autosave",
            ),
            path(
                "<int:object_id>/autosave/discard/",
                self.admin_site.admin_view(require_POST(self.discard_autosave)),
                name=f"{prefix}_autosave_discard",
            ),
            *super().get_urls(),
        ]

    def editable_article(self, request, object_id):
        """The article, if this editor may change it; else 404 (not theirs to see) or 403."""
        article = self.get_object(request, str(object_id))
        if article is None:
            raise Http404("No such article.")
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        return article

    def readable_buffer_article(self, request, object_id):
        """The article, if this editor may change it or it is their own piece (whose buffer
        they may read back, not write); else 404 or 403 as `editable_article`."""
        article = self.get_object(request, str(object_id))
        if article is None:
            raise Http404("No such article.")
        if not (
            self.has_change_permission(request, article) or self.refuses_owner(request, article)
        ):
            raise PermissionDenied
        return article

    def autosave(self, request, object_id):
        find = self.readable_buffer_article if request.method == "GET" else self.editable_article
        try:
            article = find(request, object_id)
        except Http404:
            return json_error(404, "No article you may open has this id.")
        except PermissionDenied:
            return json_error(403, "You may not change this article.")
        if request.method == "GET":
            return self.buffer_answer(request, article)
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > JSON_ROOM * limit:
            return too_large()
        # Read as a stream: `request.body` refuses anything past the limit, escapes and all.
        body = request.read(JSON_ROOM * limit + 1)
        if len(body) > JSON_ROOM * limit:
            return too_large()
        try:
            token, fields = parse_fields(body, self.form_fields(request, article))
            if form_bytes(fields) > limit:
                return too_large()
            refuse_deep_rich_text(self.model, fields)
        except Refused as refusal:
            return json_error(refusal.status, refusal.reason)
        now = timezone.now()
        version, _ = editing.parse_token(token)
        try:
            DraftBuffer.objects.update_or_create(
                article=article,
                user=request.user,
                defaults={
                    "fields": fields,
                    "based_on_version": version,
                    "based_on_token": token,
                    "saved_at": now,
                },
            )
        except IntegrityError:  # the article was deleted a moment ago
            return json_error(404, "No article you may open has this id.")
        DraftBuffer.objects.filter(saved_at__lt=now - BUFFER_LIFETIME).delete()
        return JsonResponse({"saved_at": now.isoformat(), "saved": display_datetime(now)})

    def buffer_answer(self, request, article) -> JsonResponse:
        buffer = DraftBuffer.objects.filter(article=article, user=request.user).first()
        if buffer is None:
            return json_error(404, "Nothing unsaved is kept for this article.")
        return JsonResponse(
            {
                "saved_at": buffer.saved_at.isoformat(),
                "saved": display_datetime(buffer.saved_at),
                "token": buffer.based_on_token,
                "fields": buffer.fields,
                "options": self.choice_labels(request, article, buffer.fields),
            }
        )

    def choice_labels(self, request, article, fields: dict) -> dict:
        """For each kept field that picks records (an author, press contacts), the labels of
        the records it holds, so the form can show a choice its page did not list."""
        known = self.form_fields(request, article)
        labels = {}
        for name, value in fields.items():
            field = known.field(name)
            if not isinstance(field, forms.ModelChoiceField):
                continue
            values = [item for item in (value if isinstance(value, list) else [value]) if item]
            try:
                chosen = field.queryset.filter(pk__in=values)
            except (ValueError, TypeError):
                continue
            try:
                labels[name] = [[str(item.pk), field.label_from_instance(item)] for item in chosen]
            except (ValueError, TypeError):  # pragma: no cover - a malformed id in a kept list
                continue
        return labels

    def discard_autosave(self, request, object_id):
        try:
            article = self.editable_article(request, object_id)
        except Http404:
            return json_error(404, "No article you may open has this id.")
        except PermissionDenied:
            return json_error(403, "You may not change this article.")
        deleted, _ = DraftBuffer.objects.filter(article=article, user=request.user).delete()
        return JsonResponse({"discarded": bool(deleted)})

    def form_fields(self, request, article) -> FormFields:
        """The names this editor's change form of `article` posts."""
        cached = getattr(request, "_autosave_fields", None)
        if cached is not None:
            return cached
        form_class = self.get_form(request, article, change=True)
        names, choices = set(), {}
        for name, field in form_class.base_fields.items():
            if name in NOT_KEPT or isinstance(field, forms.FileField):
                continue
            names.update(widget_names(name, field))
            if isinstance(field, forms.ModelChoiceField):
                choices[name] = field
        # Fields the form adds for this editor (the schedule box for those who may publish).
        form = form_class(instance=article)
        for name, field in form.fields.items():
            if name not in form_class.base_fields and name not in NOT_KEPT:
                names.update(widget_names(name, field))
        inlines = {}
        for formset_class, _inline in self.get_formsets_with_inlines(request, article):
            prefix = formset_class.get_default_prefix()
            row = formset_class(instance=article, prefix=prefix).empty_form
            inlines[prefix] = set()
            # A row's own key picks among every row of its model, other articles' included:
            # kept, but never labelled (a label would be another piece's warning or picture).
            own_key = formset_class.model._meta.pk.name
            for name, field in row.fields.items():
                if isinstance(field, forms.FileField):
                    continue
                inlines[prefix].update(widget_names(name, field))
                if isinstance(field, forms.ModelChoiceField) and name != own_key:
                    choices[(prefix, name)] = field
        known = FormFields(names, inlines, choices)
        request._autosave_fields = known
        return known

    # The change form: the offer to restore, and the end of the buffer on save.

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # The article's own change form only: not a past revision opened to restore it.
        own_form = getattr(request.resolver_match, "url_name", "") == "articles_article_change"
        if obj is not None and change and own_form and self.has_change_permission(request, obj):
            buffer = None
            if request.method == "GET":
                buffer = DraftBuffer.objects.filter(article=obj, user=request.user).first()
            context["autosave"] = {
                "url": reverse("admin:articles_article_autosave", args=[obj.pk]),
                "discard_url": reverse("admin:articles_article_autosave_discard", args=[obj.pk]),
                "buffer": buffer,
                # Saved by someone (or in another window) since the kept changes were typed.
                "stale": buffer is not None and buffer.based_on_version != obj.version,
            }
        elif obj is not None and own_form and "refused_save" not in context:
            self.show_kept_text(request, context, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def show_kept_text(self, request, context, article) -> None:
        """On the read-only form of their own piece, what its author typed and did not save
        before an editor published it, to copy (nothing restores it into this form)."""
        if request.method != "GET" or not self.refuses_owner(request, article):
            return
        buffer = DraftBuffer.objects.filter(article=article, user=request.user).first()
        typed = typed_text(article, buffer.fields) if buffer is not None else []
        if not typed:
            return
        context["refused_save"] = {
            "reason": no_longer_yours(article),
            "kept_at": buffer.saved_at,
            "typed": typed,
        }

    def save_model(self, request, obj: Model, form, change):
        super().save_model(request, obj, form, change)
        if change:
            DraftBuffer.objects.filter(article=obj, user=request.user).delete()
