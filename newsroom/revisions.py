"""Revisions in the admin: a readable comparison of two saved versions of a page or article.

django-reversion keeps a snapshot on every admin save (with the rows it follows, such as an
article's bylines); this module turns two snapshots into the differences an editor cares about,
field by field and word by word. Values are returned as plain text segments and escaped by the
template like any other text, so markup stored in a revision is shown, never run.
"""

import difflib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import capfirst
from reversion.admin import VersionAdmin
from reversion.models import Version
from reversion.revisions import _get_options

from newsroom.dates import display_date, display_datetime
from newsroom.formatting import formatting_lines
from newsroom.plaintext import plain_lines
from newsroom.richtext import RichTextField, show_refusals_as_stored
from newsroom.tagged_json import recorded_tags, tag_fields

# Bookkeeping that changes on every save and tells an editor nothing. Apps add their own such
# fields, and what is derived from other fields, with `ignore_fields`.
IGNORED_FIELDS = {"id", "created_at", "updated_at"}
_ignored: dict[type[models.Model], set[str]] = {}
# The row, after a rich text field's own, of its formatting and pictures.
FORMATTING = "formatting and images"


# While an editor restores a version or recovers a deleted object (`restoring`): what the
# restore's raw saves found stored, by model and key, for the saves that follow them (see
# `articles.events.recording`). None at any other time.
_restoring: ContextVar[dict | None] = ContextVar("restoring", default=None)


class TakenWhileWrittenBack(Exception):
    """A version written back by a restore met the database's rule of one row per address:
    another save took it after the restore found it free. Not an IntegrityError, which
    django-reversion takes for a missing dependency and answers with a message of its own: the
    restore page starts again and finds the address taken (`RevisionAdmin`)."""


@contextmanager
def restoring() -> Iterator[None]:
    token = _restoring.set({})
    try:
        yield
    finally:
        _restoring.reset(token)


def restore_notes() -> dict | None:
    """The notes of the editor's restore or recovery under way; None when none is."""
    return _restoring.get()


def ignore_fields(model: type[models.Model], *names: str) -> None:
    """Leave these fields of `model` out of every comparison (called from `AppConfig.ready()`)."""
    _ignored.setdefault(model, set()).update(names)


_TOKENS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


def readable_value(instance: models.Model, field: models.Field) -> str:
    value = getattr(instance, field.attname)
    if value in (None, ""):
        return ""
    if isinstance(field, RichTextField):
        # As the text part of an email reads it: each block on its lines, a list's points
        # numbered as the page counts them, mc², and each link's address, so that a changed
        # address or numbering shows.
        return plain_lines(value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.ForeignKey):
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related else f"#{value} (deleted)"
    if isinstance(field, models.BooleanField):
        return "Yes" if value else "No"
    if isinstance(field, models.FileField):
        return str(value.name if hasattr(value, "name") else value)
    if isinstance(value, datetime):
        return display_datetime(value)
    if isinstance(value, date):
        return display_date(value)
    return str(value)


def related_label(instance: models.Model) -> str:
    label = getattr(instance, "revision_label", None)
    return label() if callable(label) else str(instance)


def _fields(model) -> list[models.Field]:
    options = _get_options(model)
    return [
        model._meta.get_field(name)
        for name in options.fields
        if name not in IGNORED_FIELDS | _ignored.get(model, set())
        and not model._meta.get_field(name).many_to_many
    ]


def version_state(version: Version) -> dict[str, str]:
    """A revision's fields, and the rows it follows and its tags as lists, as readable text by
    label; tags only when the version holds them (`tagged_json`)."""
    instance = version._object_version.object
    state = _instance_fields(instance)
    for name, names in recorded_tags(version._object_version).items():
        state[_tags_label(type(instance), name)] = _tag_lines(names)
    model = version._model
    for name in _get_options(model).follow:
        relation = model._meta.get_field(name)
        content_type_versions = version.revision.version_set.filter(
            content_type__app_label=relation.related_model._meta.app_label,
            content_type__model=relation.related_model._meta.model_name,
        )
        rows = [
            row._object_version.object
            for row in content_type_versions
            if getattr(row._object_version.object, relation.field.attname) == instance.pk
        ]
        state[_relation_label(relation)] = _related_lines(rows)
    return state


def current_state(instance: models.Model) -> dict[str, str]:
    """The same readable state for the object as it is saved now."""
    state = _instance_fields(instance)
    for field in tag_fields(type(instance)):
        names = getattr(instance, field.name).names()
        state[_tags_label(type(instance), field.name)] = _tag_lines(names)
    for name in _get_options(type(instance)).follow:
        relation = type(instance)._meta.get_field(name)
        state[_relation_label(relation)] = _related_lines(list(getattr(instance, name).all()))
    return state


def _instance_fields(instance) -> dict[str, str]:
    state = {}
    for field in _fields(type(instance)):
        label = capfirst(str(field.verbose_name))
        state[label] = readable_value(instance, field)
        if isinstance(field, RichTextField):
            # What the words do not show, so that a change to it alone is named.
            state[f"{label}: {FORMATTING}"] = formatting_lines(getattr(instance, field.attname))
    return state


def _relation_label(relation) -> str:
    return capfirst(str(relation.related_model._meta.verbose_name_plural))


def _tags_label(model, name: str) -> str:
    return capfirst(str(model._meta.get_field(name).verbose_name))


def _tag_lines(names) -> str:
    return "\n".join(sorted(names, key=str.casefold))


def _related_lines(rows: list) -> str:
    rows.sort(key=lambda row: (getattr(row, "position", 0), row.pk or 0))
    return "\n".join(related_label(row) for row in rows)


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str

    @property
    def segments(self) -> list[tuple[str, str]]:
        """(operation, text) pairs, operation being "equal", "delete", "insert" or "gap"."""
        return word_diff(self.before, self.after)


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """The words of `after` against `before`. A replaced word is shown removed, then added, with
    a "gap" (a space in neither text) between them: "quick slow", not "quickslow"."""
    old, new = _TOKENS.findall(before), _TOKENS.findall(after)
    segments = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        removed, added = "".join(old[i1:i2]), "".join(new[j1:j2])
        if operation == "equal":
            segments.append(("equal", removed))
            continue
        if removed:
            segments.append(("delete", removed))
        if removed and added and not (removed[-1].isspace() or added[0].isspace()):
            segments.append(("gap", " "))
        if added:
            segments.append(("insert", added))
    return segments


def changes_between(before: dict[str, str], after: dict[str, str]) -> list[FieldChange]:
    """The fields whose readable value differs, in the order of `after`. A label `before`
    lacks was not recorded then (tags in a version saved before they were): no change."""
    return [
        FieldChange(label, before[label], value)
        for label, value in after.items()
        if label in before and before[label] != value
    ]


class RevisionAdmin(VersionAdmin):
    """VersionAdmin with a history page that compares any two revisions, and guarded restores.

    Restoring goes through reversion's own revision page, which shows the old version in the
    form so it is checked and saved like any other edit (and recorded as a new revision). That
    page writes the old version to the database *before* the form's own permission check runs,
    so every restore and recovery is decided here first: on the object as it is now, with a
    version that must belong to that very object (or, to recover, to a deleted one of this model).
    """

    object_history_template = "admin/revision_history.html"
    history_latest_first = True

    def has_history_permission(self, request, obj=None) -> bool:
        """Read the saved versions of `obj` and compare them."""
        return self.has_view_or_change_permission(request, obj)

    def has_revert_permission(self, request, obj=None) -> bool:
        """Put an old version back, or recover a deleted object.

        Reverting deletes the rows added since the version was saved (an article's newer
        bylines, say), so it takes the power to delete as well as to change.
        """
        return self.has_change_permission(request, obj) and self.has_delete_permission(request, obj)

    def add_view(self, request, form_url="", extra_context=None):
        return self._checked_again_if_refused(
            request, lambda: super(RevisionAdmin, self).add_view(request, form_url, extra_context)
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return self._checked_again_if_refused(
            request,
            lambda: super(RevisionAdmin, self).change_view(
                request, object_id, form_url, extra_context
            ),
        )

    def _checked_again_if_refused(self, request, view):
        """A save that meets one of the database's rules after its form was checked (another
        editor's save took the same address, or deleted the author it names, a moment before)
        is checked once more from the start: the form then shows the error it shows when that
        happened before it was sent, where the rule alone would answer with a server error.
        The first attempt's transaction (the revision's) is rolled back whole, so nothing of it
        is kept. A restore or a recovery is done again from the start too: the version written
        back, then its form (each attempt with its own notes, `restoring`)."""
        try:
            return view()
        except (IntegrityError, TakenWhileWrittenBack):
            if (
                request.method != "POST"
                or getattr(request, "checked_again", False)
                or transaction.get_connection().in_atomic_block
            ):
                raise
        request.checked_again = True
        for _, uploads in request.FILES.lists():
            for upload in uploads:
                upload.seek(0)
        return view()

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # A version's text that saving it would refuse (stored before that rule) is shown refused
        # on its field as the restore or recover page opens, not only once it is saved.
        if request.method == "GET" and restore_notes() is not None:
            context["errors"].extend(show_refusals_as_stored(context["adminform"].form))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        opts = self.model._meta
        compare = path(
            "<path:object_id>/history/compare/",
            self.admin_site.admin_view(self.compare_view),
            name=f"{opts.app_label}_{opts.model_name}_compare",
        )
        return [compare, *super().get_urls()]

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        revisions = []
        if obj is not None:
            if not self.has_history_permission(request, obj):
                raise PermissionDenied
            opts = self.model._meta
            versions = Version.objects.get_for_object(obj).select_related("revision__user")
            revisions = [
                {
                    "version": version,
                    "revision": version.revision,
                    "restore_url": reverse(
                        f"admin:{opts.app_label}_{opts.model_name}_revision",
                        args=[obj.pk, version.pk],
                    ),
                }
                for version in versions.order_by("-revision__date_created", "-pk")
            ]
        context = {
            "revisions": revisions,
            "compare_url": reverse(
                f"admin:{self.model._meta.app_label}_{self.model._meta.model_name}_compare",
                args=[object_id],
            ),
            "can_restore": obj is not None and self.has_revert_permission(request, obj),
            **(extra_context or {}),
        }
        return super().history_view(request, object_id, context)

    def compare_view(self, request, object_id):
        """Two revisions of one object side by side: what changed, word by word."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_history_permission(request, obj):
            raise PermissionDenied
        versions = Version.objects.get_for_object(obj).select_related("revision__user")
        older = get_object_or_404(versions, pk=_int(request.GET.get("from")))
        newer = get_object_or_404(versions, pk=_int(request.GET.get("to")))
        if older.revision.date_created > newer.revision.date_created:
            older, newer = newer, older
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": f"Changes to “{obj}”",
            "subtitle": None,
            "opts": opts,
            "object": obj,
            "older": older,
            "newer": newer,
            "changes": changes_between(version_state(older), version_state(newer)),
            "history_url": reverse(
                f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk]
            ),
        }
        return TemplateResponse(request, "admin/revision_compare.html", context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """An old version in the form, to restore it: decided before anything is reverted."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_revert_permission(request, obj):
            raise PermissionDenied
        get_object_or_404(Version.objects.get_for_object(obj), pk=_int(version_id))

        def restore():
            with restoring():
                return super(RevisionAdmin, self).revision_view(
                    request, object_id, version_id, extra_context
                )

        return self._checked_again_if_refused(request, restore)

    def recoverlist_view(self, request, extra_context=None):
        if not self.has_revert_permission(request):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        """A deleted object of this model in the form, to bring it back."""
        if not self.has_revert_permission(request):
            raise PermissionDenied
        get_object_or_404(Version.objects.get_deleted(self.model), pk=_int(version_id))

        def recover():
            with restoring():
                return super(RevisionAdmin, self).recover_view(request, version_id, extra_context)

        return self._checked_again_if_refused(request, recover)


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
