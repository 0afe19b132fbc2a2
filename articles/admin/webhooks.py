"""Webhooks in the admin: the endpoints editors register, and the log of what each was sent.

Editors only (the permissions are granted to their group alone): an endpoint's secret signs
what the site sends in its name. The secret is shown once when the endpoint is made and can be
revealed on its page; a disabled endpoint says why there and on the list, and is enabled again
by ticking "active" or with the list's action. A change form opened before the endpoint was
switched on or off (by the site, or by another editor) is not saved: its "active" box shows what
was true then, and saving it would undo the switch.
"""

from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from articles.models import EventKind, WebhookDelivery, WebhookEndpoint
from articles.models.webhooks import all_kinds
from articles.webhooks.delivery import enable, send_test
from newsroom.admin_base import NewsroomModelAdmin
from newsroom.dates import display_datetime

RECENT = 10

# What editors set on the form; the rest of an endpoint is the site's (`failure_count`,
# `disabled_at`, `disabled_reason`, kept by `articles.webhooks.delivery`).
EDITED = ["url", "description", "events", "active"]


def switch_state(endpoint: WebhookEndpoint) -> str:
    """Whether `endpoint` is on, and when the site disabled it: what its change form carries."""
    disabled_at = endpoint.disabled_at.isoformat() if endpoint.disabled_at else ""
    return f"{'on' if endpoint.active else 'off'}:{disabled_at}"


def switched_since(endpoint: WebhookEndpoint) -> str:
    """Why a form opened before `endpoint` was last switched on or off is not saved."""
    if endpoint.disabled_at is not None:
        what = (
            f"The site disabled this endpoint on {display_datetime(endpoint.disabled_at)}, "
            f"after you opened this page: {endpoint.disabled_reason}."
        )
        then = "Save to keep it off with your changes, or tick “active” to enable it again."
    elif endpoint.active:
        what = "This endpoint was enabled again after you opened this page."
        then = "Save to keep it on with your changes, or untick “active” to switch it off."
    else:
        what = "This endpoint was switched off after you opened this page."
        then = "Save to keep it off with your changes, or tick “active” to enable it again."
    return (
        f"{what} Nothing is saved yet: your changes are still in the form below, whose "
        f"“active” box now shows the endpoint as it is. {then}"
    )


class WebhookEndpointForm(forms.ModelForm):
    events = forms.MultipleChoiceField(
        choices=[(kind, label) for kind, label in EventKind.choices if kind in all_kinds()],
        widget=forms.CheckboxSelectMultiple,
        help_text="Each event is sent as one message.",
    )
    # The endpoint's `switch_state` when the form was opened.
    opened_as = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = WebhookEndpoint
        fields = EDITED
        widgets = {"url": forms.URLInput(attrs={"class": "vURLField"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Whether the endpoint is on as stored: ticking "active" on an endpoint that is off
        # enables it (`WebhookEndpointAdmin.save_model`).
        self.was_active = self.instance.active
        if self.instance.pk is not None:
            self.fields["opened_as"].initial = switch_state(self.instance)

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is not None:
            self.refuse_stale_switch()
        return cleaned_data

    def refuse_stale_switch(self) -> None:
        """Refuse a form opened before the endpoint was switched on or off, and show it again
        as the endpoint is now: saving it again, or ticking "active", is then a choice."""
        # Locked until the save is written: the worker cannot disable the endpoint in between.
        current = WebhookEndpoint.objects.select_for_update().get(pk=self.instance.pk)
        for name in ["active", "failure_count", "disabled_at", "disabled_reason"]:
            setattr(self.instance, name, getattr(current, name))
        self.was_active = current.active
        if self.data.get(self.add_prefix("opened_as")) == switch_state(current):
            return
        self.add_error(None, switched_since(current))
        data = self.data.copy()
        data[self.add_prefix("opened_as")] = switch_state(current)
        if current.active:
            data[self.add_prefix("active")] = "on"
        else:
            data.pop(self.add_prefix("active"), None)
        self.data = data


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(NewsroomModelAdmin):
    form = WebhookEndpointForm
    list_display = ["__str__", "url", "chosen_events", "state", "failure_count"]
    list_filter = ["active"]
    search_fields = ["url", "description"]
    readonly_fields = ["state", "signing_secret", "recent_deliveries", "created_by", "created_at"]
    actions = ["enable_endpoints", "send_test_message"]

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [(None, {"fields": EDITED})]
        return [
            (None, {"fields": [*EDITED, "state", "opened_as"]}),
            ("Signing", {"fields": ["signing_secret"]}),
            ("Deliveries", {"fields": ["recent_deliveries"]}),
            ("Advanced", {"fields": ["created_by", "created_at"], "classes": ["collapse"]}),
        ]

    def save_model(self, request, obj, form, change):
        if change:
            enabling = obj.active and not form.was_active
            if enabling:
                enable(obj)  # the switch first: the database refuses "active" while disabled
            # What the form shows, and nothing of the site's own state or the secret.
            obj.save(update_fields=EDITED)
            if enabling:
                self.message_user(
                    request, f"“{obj}” is enabled again; what waited for it is sent now."
                )
            return
        obj.created_by = request.user
        super().save_model(request, obj, form, change)
        self.message_user(
            request,
            format_html(
                "The signing secret of “{}” is <code>{}</code>. Give it to whoever runs the "
                "receiver; editors can reveal it again on the endpoint's page.",
                obj,
                obj.secret,
            ),
            messages.WARNING,
        )

    def changelist_view(self, request, extra_context=None):
        disabled = WebhookEndpoint.objects.exclude(disabled_at=None)
        if disabled:
            self.message_user(
                request,
                format_html(
                    "Disabled after repeated failures, and sent nothing since: {}. Check the "
                    "receiver, then enable it again.",
                    format_html_join(", ", "“{}” ({})", ((e, e.disabled_reason) for e in disabled)),
                ),
                messages.ERROR,
            )
        return super().changelist_view(request, extra_context)

    @admin.action(description="Enable the selected endpoints again", permissions=["change"])
    def enable_endpoints(self, request, queryset):
        switched_on = [endpoint for endpoint in queryset if not endpoint.active]
        for endpoint in switched_on:
            enable(endpoint)
        self.message_user(
            request, f"{len(switched_on)} endpoint(s) enabled; what waited for them is sent now."
        )

    @admin.action(
        description="Send a test message to the selected endpoints", permissions=["change"]
    )
    def send_test_message(self, request, queryset):
        for endpoint in queryset:
            sent = send_test(endpoint)
            if sent.delivered_at is not None:
                said = f"the test message was delivered (HTTP {sent.last_status_code})."
                self.message_user(request, f"“{endpoint}”: {said}", messages.SUCCESS)
            else:
                said = f"the test message was not delivered: {sent.last_error}"
                self.message_user(request, f"“{endpoint}”: {said}", messages.ERROR)

    @admin.display(description="Events")
    def chosen_events(self, obj):
        labels = dict(EventKind.choices)
        return ", ".join(str(labels.get(kind, kind)) for kind in obj.events)

    @admin.display(description="State")
    def state(self, obj):
        if obj.disabled_at is not None:
            return format_html(
                "<strong>Disabled on {}</strong>: {}.",
                display_datetime(obj.disabled_at),
                obj.disabled_reason,
            )
        return "Active" if obj.active else "Switched off"

    @admin.display(description="Signing secret")
    def signing_secret(self, obj):
        return format_html(
            "<details><summary>Reveal the secret</summary><code>{}</code></details>", obj.secret
        )

    @admin.display(description="Recent deliveries")
    def recent_deliveries(self, obj):
        recent = obj.deliveries.select_related("event").order_by("-pk")[:RECENT]
        if not recent:
            return "None yet."
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    d.event.kind,
                    d.event.article_id,
                    d.state,
                    d.attempts,
                    d.last_status_code or d.last_error or "",
                    display_datetime(d.delivered_at or d.given_up_at or d.next_attempt_at),
                )
                for d in recent
            ),
        )
        everything = reverse("admin:articles_webhookdelivery_changelist")
        return format_html(
            "<table><thead><tr><th>Event</th><th>Article</th><th>State</th><th>Attempts</th>"
            "<th>Last answer</th><th>When</th></tr></thead><tbody>{}</tbody></table>"
            '<p><a href="{}?endpoint__id__exact={}">Every delivery to this endpoint</a></p>',
            rows,
            everything,
            obj.pk,
        )


class StateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("pending", "Waiting or retrying"),
            ("delivered", "Delivered"),
            ("given-up", "Given up"),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "pending":
                return queryset.pending()
            case "delivered":
                return queryset.exclude(delivered_at=None)
            case "given-up":
                return queryset.exclude(given_up_at=None)
        return queryset


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(NewsroomModelAdmin):
    """The delivery log: read only."""

    list_display = [
        "event",
        "endpoint",
        "state",
        "attempts",
        "last_status_code",
        "last_error",
        "delivered_at",
        "next_attempt_at",
    ]
    list_filter = ["endpoint", StateFilter]
    list_select_related = ["endpoint", "event"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
