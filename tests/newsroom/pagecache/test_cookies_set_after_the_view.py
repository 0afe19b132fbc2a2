"""A reader page is kept for everyone only if nothing in its answer is one reader's: cookies set
by the middleware a page passes through after its view (the CSRF token a form asked for, the
messages shown and so used up) count as much as those the view sets.

The pages here are this module's own, before the site's (`urlpatterns`): no page of the site
shows a form token or a message today, and none may start to without this holding.
"""

import pytest
from django.contrib import messages
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client
from django.urls import path
from django.utils.html import escape

from newsroom import pagecache, urls
from newsroom.pagecache import reader_page

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


@reader_page
def with_a_form(request):
    pagecache.shows("site")
    return HttpResponse(f'<form><input name="csrfmiddlewaretoken" value="{get_token(request)}">')


@reader_page
def with_messages(request):
    pagecache.shows("site")
    return HttpResponse(
        "".join(f"<p>{escape(message)}</p>" for message in messages.get_messages(request))
    )


def leave_a_message(request):
    messages.info(request, "Alerts for dana@example.com are confirmed.")
    return HttpResponse("Confirmed")


urlpatterns = [
    path("form/", with_a_form),
    path("messages/", with_messages),
    path("confirm/", leave_a_message),
    *urls.urlpatterns,
]


def test_a_page_holding_one_readers_form_token_is_not_served_to_the_next(client):
    first = client.get("/form/")
    assert first.cookies["csrftoken"].value

    second = Client().get("/form/")

    assert second.content != first.content


def test_a_message_shown_to_one_reader_is_not_served_to_the_next(client):
    client.get("/confirm/")
    shown = client.get("/messages/")
    assert "dana@example.com" in shown.content.decode()

    assert "dana@example.com" not in Client().get("/messages/").content.decode()
