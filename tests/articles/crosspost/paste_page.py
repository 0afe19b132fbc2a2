"""The admin's paste page as its tests drive it: its addresses, the form as posted, and the
two steps from a paste to a draft."""

from html import unescape

from django.contrib.auth.models import Permission

from tests.factories import UserFactory

PAGE = "/admin/articles/article/add-cross-post/"
CHECK = "/admin/articles/article/add-cross-post/check/"
ORIGIN = "https://www.linkedin.com/pulse/what-tv-show-teaches-us-work-dana-whitfield/"


def staff(*codenames: str):
    user = UserFactory(is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


def paste_form(**overrides) -> dict:
    data = {
        "origin_url": f"{ORIGIN}?trackingId=abc%3D%3D&trk=public_post",
        "author": "",
        "new_author_name": "",
        "new_author_role": "",
        "new_author_organisation": "",
        "new_author_linkedin": "",
        "origin_published_on": "",
        "headline": "",
        "introduction": "",
        "pasted": "",
        "pasted_html": "",
    }
    return data | overrides


def form_errors(response) -> str:
    assert response.status_code == 200, "expected the form again, with errors"
    return unescape(response.context["form"].errors.as_text())


def check_data(response, **changes) -> dict:
    """The check step's form as the page shows it, with `changes` made: what "Make the draft"
    posts."""
    assert response.status_code == 200, response.status_code
    assert response.templates[0].name.endswith("add_cross_post_check.html"), "not the check step"
    form = response.context["form"]
    data = {name: form[name].value() for name in form.fields if name != "keep"}
    return {name: "" if value is None else value for name, value in data.items()} | changes


def make_draft(client, data: dict, **changes):
    """Paste, then make the draft from the check step as shown (with `changes`)."""
    return client.post(CHECK, check_data(client.post(PAGE, data), **changes), follow=True)
