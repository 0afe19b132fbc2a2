"""The base of every ModelAdmin in the newsroom: safe under a strict CSP and hostile searches,
a save reading what the page cache needs once, times read in the newsroom's time zone and
written with it, and lines of text read as they are stored; and the refusal of a save from a
copy older than the one stored (`StaleSavesRefused`)."""

import copy
from datetime import datetime
from itertools import islice

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin import utils as admin_utils
from django.contrib.admin.templatetags import admin_list
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import smart_split, unescape_string_literal
from js_asset import Media
from reversion.models import Version

from newsroom import pagecache
from newsroom.dates import display_datetime
from newsroom.free_addresses import restored_slug
from newsroom.text import OneLineField
from newsroom.typed_times import LocalSplitDateTimeField

# A search is a few words; thousands of them would make one query of thousands of conditions.
MAX_SEARCH_LENGTH = 200
MAX_SEARCH_WORDS = 10


def display_for_field(value, field, empty_value_display, *args, **kwargs):
    """A field's value in an admin list or read-only field, a time written as the admin writes
    every time ("Oct 27, 2030 01:30 BST"): Django's format leaves out the zone, which alone tells
    apart the two times the clocks show in the hour they repeat."""
    if isinstance(field, models.DateTimeField) and value is not None:
        return display_datetime(value)
    return admin_utils.display_for_field(value, field, empty_value_display, *args, **kwargs)


def display_for_value(value, empty_value_display, *args, **kwargs):
    """A list column's value that is not a field's, a time written as `display_for_field` does."""
    if isinstance(value, datetime):
        return display_datetime(value)
    return admin_utils.display_for_value(value, empty_value_display, *args, **kwargs)


def write_times_with_their_zone() -> None:
    """Every admin's lists and read-only fields, the newsroom's and other apps' (login attempts,
    tasks), write times as above: Django's admin looks these two functions up in the modules
    that render lists and read-only fields, and it offers no setting or hook for them."""
    admin_list.display_for_field = helpers.display_for_field = display_for_field
    admin_list.display_for_value = display_for_value


class LocalTimes:
    """Django's date and time boxes, refusing a time the clocks skip or repeat in plain words.

    On the newsroom's admins, and on any inline with a time to type: an inline builds its
    fields itself, not with its admin's."""

    formfield_overrides = {models.DateTimeField: {"form_class": LocalSplitDateTimeField}}


class OneLines:
    """A plain line of text (a model's `CharField`, not an address, slug or choice) read as it
    is stored: a required one of nothing visible is refused as an empty one."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if type(db_field) is models.CharField and not db_field.choices:
            kwargs.setdefault("form_class", OneLineField)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class NewsroomModelAdmin(LocalTimes, OneLines, admin.ModelAdmin):
    class Media:
        js = ["js/editor-names.js", "js/submit-once.js"]

    def render_change_form(self, request, context, *args, **kwargs):
        """Render the form's scripts and import map with this request's CSP nonce.

        The rich-text editor declares its JavaScript modules in an inline
        `<script type="importmap">` (django-js-asset), which a strict policy blocks unless it
        carries the nonce django-csp made for the request; django-js-asset's `Media` adds a nonce
        it is given to every tag it renders, and the header then names that nonce.
        """
        context["media"] = Media.from_media(context["media"], nonce=request.csp_nonce)
        return super().render_change_form(request, context, *args, **kwargs)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # A save writes the row, then its links and inlines, each change asking what the row
        # shows of the others: read once until one of them changes (`pagecache.reads`).
        with pagecache.keeping_reads():
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_search_results(self, request, queryset, search_term):
        """Search on the first words only, without the NUL characters PostgreSQL refuses."""
        return super().get_search_results(request, queryset, bounded_search(search_term))


def bounded_search(search_term: str) -> str:
    """The first words of a search, without the NUL characters PostgreSQL refuses."""
    bounded = search_term.replace("\x00", "")[:MAX_SEARCH_LENGTH]
    return " ".join(islice(smart_split(bounded), MAX_SEARCH_WORDS))


def search_words(search_term: str) -> list[str]:
    """The words of a search as the admin's own search reads them, a quoted phrase as one, of
    its first words (`bounded_search`)."""
    return [
        unescape_string_literal(word) if _quoted(word) else word
        for word in smart_split(bounded_search(search_term))
    ]


def _quoted(word: str) -> bool:
    return len(word) > 1 and word[0] in "\"'" and word[0] == word[-1]


class FormerAddressInline(admin.StackedInline):
    """A page's former addresses (`newsroom.former_addresses`), made when a published page's
    slug changes: listed on its form, never added by hand; deleting one frees the address."""

    fields = ["old_slug", "created_at"]
    readonly_fields = ["old_slug", "created_at"]
    extra = 0
    verbose_name_plural = "Former addresses (they redirect here; delete one to free it)"

    def has_add_permission(self, request, obj):
        return False


class RestoredSlugAdmin:
    """The restore and recover pages of a model with a unique slug (`RestoresClearOfTakenSlug`),
    mixed in before `RevisionAdmin`: a version whose slug another row has by now opens with that
    slug, naming who holds it, and the form refuses it (the model's unique slug) with nothing
    written until the editor gives another."""

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and (slug := restored_slug(self.model, obj.pk)):
            obj.slug = slug  # the row holds another only until the form saves
        return obj

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        slug = None if obj is None else restored_slug(self.model, obj.pk)
        if request.method == "GET" and slug is not None:
            self.message_user(request, self.slug_taken_note(obj, slug), messages.ERROR)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def slug_taken_note(self, obj, slug: str) -> str:
        holder = self.model._default_manager.filter(slug=slug).exclude(pk=obj.pk).first()
        opts = self.model._meta
        named = (
            f"another {opts.verbose_name}"
            if holder is None
            else format_html(
                '“<a href="{}">{}</a>”',
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[holder.pk]),
                holder,
            )
        )
        return format_html(
            "This version's slug, “{}”, is taken by {} now. Give it another slug below to save it.",
            slug,
            named,
        )


class UnchangedSinceOpenedForm(forms.ModelForm):
    """The change form of a row with `updated_at`: it carries the time of the copy it shows,
    and a save from a copy older than the stored one (someone else saved meanwhile) is refused,
    the input kept on the form, which then carries the stored time: saving again replaces the
    other's version with this one. The row is locked from the check to the save."""

    edit_token = forms.CharField(widget=forms.HiddenInput, required=False)
    # How the refusal names the row; "this <verbose name>" unless a form says otherwise.
    stale_subject: str | None = None
    # Who is saving (`StaleSavesRefused` sets it): a save in between that was their own, in
    # another tab or before going back to the form, is told as theirs.
    editor = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["edit_token"].initial = _stamp(self.instance.updated_at)

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is not None:
            self.refuse_stale_save()
        return cleaned_data

    def refuse_stale_save(self) -> None:
        model = type(self.instance)
        stored = (
            model._base_manager.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("updated_at", flat=True)
            .first()
        )
        name = self.add_prefix("edit_token")
        if stored is None or self.data.get(name) == _stamp(stored):
            return
        latest = (
            Version.objects.get_for_object_reference(model, self.instance.pk)
            .select_related("revision__user")
            .first()
        )
        user = latest.revision.user if latest is not None else None
        who = (user.get_full_name() or user.get_username()) if user else "Someone else"
        when = timezone.localtime(stored).strftime("%H:%M %Z on %b %-d")
        subject = self.stale_subject or f"this {model._meta.verbose_name}"
        if user is not None and self.editor is not None and user.pk == self.editor.pk:
            refusal = (
                f"You saved {subject} at {when}, after this page was opened (in another tab or "
                "window, or before going back to this page). The changes on this page are not "
                "saved yet; they are still in the form below. Look at that save under History, "
                "then save again to replace it with this page."
            )
        else:
            refusal = (
                f"{who} saved {subject} at {when}, after you opened it. Your changes are not "
                "saved yet; they are still in the form below. Look at their version under "
                "History, then save again to replace it with yours."
            )
        self.add_error(None, refusal)
        data = self.data.copy()
        data[name] = _stamp(stored)
        self.data = data


def _stamp(moment) -> str:
    return moment.isoformat() if moment is not None else ""


class StaleSavesRefused:
    """Mixed into the admin of a model with `updated_at`, before its ModelAdmin: its change
    form refuses a save from an older copy (`UnchangedSinceOpenedForm`)."""

    form = UnchangedSinceOpenedForm

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"editor": request.user})

    def get_fieldsets(self, request, obj=None):
        fieldsets = copy.deepcopy(super().get_fieldsets(request, obj))
        if obj is not None and self.has_change_permission(request, obj):
            _, options = fieldsets[0]
            options["fields"] = [*options["fields"], "edit_token"]
        return fieldsets
