"""The base of every ModelAdmin in the newsroom: safe under a strict CSP and hostile searches,
a save reading what the page cache needs once, and times read in the newsroom's time zone."""

from itertools import islice

from django.contrib import admin, messages
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import smart_split
from js_asset import Media

from newsroom import pagecache
from newsroom.free_addresses import restored_slug
from newsroom.typed_times import LocalSplitDateTimeField

# A search is a few words; thousands of them would make one query of thousands of conditions.
MAX_SEARCH_LENGTH = 200
MAX_SEARCH_WORDS = 10


class LocalTimes:
    """Django's date and time boxes, refusing a time the clocks skip or repeat in plain words.

    On the newsroom's admins, and on any inline with a time to type: an inline builds its
    fields itself, not with its admin's."""

    formfield_overrides = {models.DateTimeField: {"form_class": LocalSplitDateTimeField}}


class NewsroomModelAdmin(LocalTimes, admin.ModelAdmin):
    class Media:
        js = ["js/editor-names.js"]

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
        bounded = search_term.replace("\x00", "")[:MAX_SEARCH_LENGTH]
        words = " ".join(islice(smart_split(bounded), MAX_SEARCH_WORDS))
        return super().get_search_results(request, queryset, words)


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
