"""The reader's pages under /news/alerts/: subscribing, confirming, preferences, unsubscribing.

The subscribe form on reader pages cannot carry a CSRF token: those pages are kept whole and
served to every reader alike, and a token is one browser's. So the subscribe view checks the
request itself: it acts on a POST that Django's CSRF protection accepts (the form of its own
page, which carries a token) or that the browser says came from a page of this site
(`Sec-Fetch-Site: same-origin`, or else an `Origin` of this site). Any other POST, from an old
browser or another site, only shows the form again with what was typed and a token, and sends
nothing until the reader presses Subscribe there.

Every page that names a subscriber or carries a signed link is private, never stored by a cache
and never indexed. A link that no longer works answers one page that says so and how to get a new
one, and changes nothing (`link_ended`): a 404 when it was not signed here (altered, or signed with
a SECRET_KEY the site no longer has), a 410 when it was and has ended (an expired confirmation, a
reader who unsubscribed, a link made before alerts to its address were stopped, `bounces`). The
one-click unsubscribe address (RFC 8058) takes a POST without a token, as mail apps send it, and
answers the same however often it is sent.
"""

import logging
import smtplib

from django.conf import settings
from django.http import HttpResponseRedirect
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import TemplateView

from articles.alerts import messages, subscribing, throttles, tokens
from articles.alerts.forms import (
    ChoicesForm,
    SubscribeForm,
    initial_choices,
    preferences_initial,
)
from articles.models import Subscriber
from articles.workflow.links import private

logger = logging.getLogger(__name__)


def _protected(request):  # pragma: no cover - never called: what CSRF protection checks for
    raise NotImplementedError


def same_origin(request) -> bool:
    """True when the browser says the POST came from a page of this site."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    origin = request.headers.get("Origin")
    if not origin:
        return False
    own = f"{request.scheme}://{request.get_host()}"
    return origin == own or origin in settings.CSRF_TRUSTED_ORIGINS


def csrf_passed(request) -> bool:
    """True for a POST from this site: see the module docstring."""
    if same_origin(request):
        return True
    if not (request.POST.get("csrfmiddlewaretoken") or settings.CSRF_HEADER_NAME in request.META):
        return False
    return CsrfViewMiddleware(_protected).process_view(request, _protected, (), {}) is None


@method_decorator(csrf_exempt, name="dispatch")
class SubscribeView(View):
    """/news/alerts/: the whole subscribe form (GET, prefilled from the query string), and the
    address every subscribe form posts to."""

    http_method_names = ["get", "post", "head", "options"]
    template_name = "articles/alerts/subscribe.html"

    def get(self, request):
        return self.page(SubscribeForm(initial=initial_choices(request.GET)))

    def post(self, request):
        form = SubscribeForm(request.POST)
        if not csrf_passed(request):
            form.is_valid()  # the errors, if any, are shown at once
            return self.page(form, checking=True)
        if (wait := throttles.client_refused(request)) is not None:
            response = render(
                request, "articles/alerts/too_many.html", {"minutes": -(-wait // 60)}, status=429
            )
            response["Retry-After"] = str(wait)
            return private(response)
        if not form.is_valid():
            return self.page(form)
        try:
            subscribing.request_subscription(form.cleaned_data["email"], form.choices)
        except (smtplib.SMTPException, OSError):
            logger.exception("Alerts: the confirmation email could not be sent")
            return self.page(form, unavailable=True, status=503)
        return HttpResponseRedirect(reverse("alerts:requested"), status=303)

    def page(self, form, *, status=200, **context):
        response = render(
            self.request, self.template_name, {"form": form, **context}, status=status
        )
        return private(response)


class RequestedView(TemplateView):
    """What every valid subscribe request is answered with, whatever the address."""

    template_name = "articles/alerts/requested.html"


class SubscriberLinkMixin:
    """A page at a subscriber's own signed link."""

    http_method_names = ["get", "post", "head", "options"]

    def dispatch(self, request, *args, **kwargs):
        try:
            self.key = tokens.read_subscriber_token(kwargs["token"])
        except tokens.InvalidLink:
            return link_ended(request, status=404)
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def subscriber(self) -> Subscriber | None:
        return Subscriber.objects.filter(key=self.key).first()

    def page(self, template: str, *, status=200, **context):
        context = {"subscriber": self.subscriber, **context}
        return private(render(self.request, template, context, status=status))


class ConfirmView(View):
    """/news/alerts/confirm/<token>/: the link of the confirmation email. GET asks the reader to
    press a button (mail scanners open links, and must not confirm anyone); POST confirms."""

    http_method_names = ["get", "post", "head", "options"]
    template_name = "articles/alerts/confirm.html"

    def dispatch(self, request, *args, **kwargs):
        try:
            self.key = tokens.read_confirm_token(kwargs["token"])
        except tokens.ExpiredLink:
            return link_ended(request)
        except tokens.InvalidLink:
            return link_ended(request, status=404)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, token):
        subscriber = Subscriber.objects.filter(key=self.key).first()
        if subscriber is None or subscriber.is_stopped:
            return link_ended(request)
        return self.page(subscriber)

    def post(self, request, token):
        subscriber = subscribing.confirm(self.key)
        # Gone (unsubscribed, or never confirmed in time), or alerts to the address stopped
        # since this link was made: only a new one works.
        if subscriber is None or subscriber.is_stopped:
            return link_ended(request)
        return self.page(subscriber, confirmed=True)

    def page(self, subscriber: Subscriber, **context):
        context = {
            "subscriber": subscriber,
            "choices": messages.describe_choices(subscriber),
            "preferences_url": reverse(
                "alerts:preferences", kwargs={"token": tokens.subscriber_token(subscriber.key)}
            ),
            **context,
        }
        return private(render(self.request, self.template_name, context))


def link_ended(request, *, status: int = 410):
    """The page of an alert email's link that no longer works: its reader subscribes again for a
    new one. 410 for a link signed here that has ended; 404 for one that was not, as one signed
    with a SECRET_KEY the site no longer has cannot be told from a forged one."""
    return private(render(request, "articles/alerts/link_ended.html", status=status))


class PreferencesView(SubscriberLinkMixin, View):
    """/news/alerts/preferences/<token>/: what the subscriber gets, to change; and a button to
    unsubscribe. A query string (`?tags=3`) ticks what a subscribe form asked to add."""

    template_name = "articles/alerts/preferences.html"

    def get(self, request, token):
        if (subscriber := self.subscriber) is None:
            return link_ended(request)
        form = ChoicesForm(
            initial=preferences_initial(subscriber, request.GET), **self.shown(subscriber)
        )
        return self.preferences(form, saved="saved" in request.GET)

    def post(self, request, token):
        if (subscriber := self.subscriber) is None:
            return link_ended(request)
        form = ChoicesForm(request.POST, **self.shown(subscriber))
        if not form.is_valid():
            return self.preferences(form)
        subscribing.change_choices(subscriber, form.choices)
        return HttpResponseRedirect(f"{request.path}?saved", status=303)

    @staticmethod
    def shown(subscriber: Subscriber) -> dict:
        return {"shown_tags": subscriber.tags.all(), "shown_authors": subscriber.authors.all()}

    def preferences(self, form, **context):
        unsubscribe = reverse("alerts:unsubscribe", kwargs={"token": self.kwargs["token"]})
        return self.page(self.template_name, form=form, unsubscribe_url=unsubscribe, **context)


@method_decorator(csrf_exempt, name="dispatch")
class UnsubscribeView(SubscriberLinkMixin, View):
    """/news/alerts/unsubscribe/<token>/: the `List-Unsubscribe` address. GET asks the reader
    to confirm; POST (a mail app's one-click `List-Unsubscribe=One-Click`, or the page's
    button) unsubscribes, and says so however often it is sent."""

    template_name = "articles/alerts/unsubscribe.html"

    def get(self, request, token):
        preferences = reverse("alerts:preferences", kwargs={"token": token})
        return self.page(
            self.template_name, done=self.subscriber is None, preferences_url=preferences
        )

    def post(self, request, token):
        subscribing.unsubscribe(self.key)
        return self.page(self.template_name, done=True)
