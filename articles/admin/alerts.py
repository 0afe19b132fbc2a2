"""Email alert subscribers in the admin, for editors only: the list (search by address, filters),
each subscriber's choices and what was sent to them, and why and when alerts to them stopped
(`articles.alerts.bounces`), read-only; and for privacy requests, an
export of everything stored about the chosen subscribers (JSON) and erasing them.

Nobody adds or changes a subscriber here: an address is subscribed by its reader alone, through
the confirmation link, and changes its choices at its own preferences page. Erasing deletes the
subscriber, their delivery records and the admin's earlier log lines about them; the log line
of the erasure names no address.
"""

import json

from django.contrib import admin
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.models import DELETION, LogEntry
from django.http import HttpResponse
from django.utils import timezone

from articles.alerts import messages, subscribing
from articles.feeds.scope import KIND_PLURALS
from articles.models import AlertDelivery, Subscriber
from newsroom.admin_base import NewsroomModelAdmin

ERASE = "Erase the selected subscribers and everything sent to them"


class ConfirmedFilter(admin.SimpleListFilter):
    title = "confirmed"
    parameter_name = "confirmed"

    def lookups(self, request, model_admin):
        return [
            ("yes", "Confirmed"),
            ("no", "Waiting for confirmation"),
            ("stopped", "Alerts stopped (refused, bounced, complained)"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(confirmed_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(confirmed_at__isnull=True)
        if self.value() == "stopped":
            return queryset.filter(confirmed_at__isnull=True, stopped_at__isnull=False)
        return queryset


class DeliveryInline(admin.TabularInline):
    model = AlertDelivery
    fields = ["created_at", "what", "article", "sent_at", "failed_at", "error", "message_id"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "Messages"
    ordering = ["-created_at", "-id"]

    def has_add_permission(self, request, obj):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="For")
    def what(self, obj):
        if obj.digest_on is not None:
            return f"Digest of {obj.digest_on:%b} {obj.digest_on.day}, {obj.digest_on:%Y}"
        return f"{obj.kind.capitalize()} (event {obj.event_id})"


@admin.register(Subscriber)
class SubscriberAdmin(NewsroomModelAdmin):
    list_display = [
        "email",
        "confirmed",
        "frequency",
        "chosen",
        "wants_corrections",
        "created_at",
        "stopped_at",
    ]
    list_filter = [ConfirmedFilter, "frequency", "everything", "wants_corrections"]
    search_fields = ["email"]
    date_hierarchy = "created_at"
    fields = [
        "email",
        "created_at",
        "confirmation_sent_at",
        "confirmed_at",
        "chosen",
        "frequency",
        "wants_corrections",
        "last_digest_at",
        "stopped_at",
        "stop_reason",
    ]
    readonly_fields = fields
    inlines = [DeliveryInline]
    actions = ["export_json"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags", "authors")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            actions["delete_selected"] = (delete_selected, "delete_selected", ERASE)
        return actions

    @admin.display(boolean=True, description="Confirmed", ordering="confirmed_at")
    def confirmed(self, obj):
        return obj.confirmed_at is not None

    @admin.display(description="Chose")
    def chosen(self, obj):
        if obj.everything:
            return "Everything"
        return "; ".join(
            [
                *(KIND_PLURALS[kind] for kind in obj.kind_list),
                *(f"by {author.name}" for author in obj.authors.all()),
                *(f"about {tag.name}" for tag in obj.tags.all()),
            ]
        )

    @admin.action(permissions=["view"], description="Export everything stored about them (JSON)")
    def export_json(self, request, queryset):
        data = {
            "exported_at": timezone.now().isoformat(),
            "site": messages.site_name(),
            "subscribers": [subscribing.export(subscriber) for subscriber in queryset],
        }
        response = HttpResponse(
            json.dumps(data, indent=2, ensure_ascii=False),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="subscribers.json"'
        response["Cache-Control"] = "private, no-store"
        return response

    # Erasing: Django's delete confirmation, then `subscribing.erase`, and a log line without
    # the address.

    def log_deletions(self, request, queryset):
        return LogEntry.objects.log_actions(
            user_id=request.user.pk,
            queryset=[_Erased(subscriber.pk) for subscriber in queryset],
            action_flag=DELETION,
            single_object=len(queryset) == 1,
        )

    def delete_model(self, request, obj):
        subscribing.erase([obj])

    def delete_queryset(self, request, queryset):
        subscribing.erase(list(queryset))


class _Erased:
    """What the admin's log says of an erased subscriber: its number, never its address."""

    _meta = Subscriber._meta

    def __init__(self, pk: int):
        self.pk = pk

    def __str__(self):
        return f"Subscriber {self.pk} (erased)"
