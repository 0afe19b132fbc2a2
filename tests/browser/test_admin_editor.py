import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"


def sign_in(page, username: str, password: str = PASSWORD) -> None:
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


@pytest.fixture
def editor():
    return UserFactory(username="editor", is_staff=True, is_superuser=True)


def test_the_rich_text_editor_loads_and_writes_under_the_content_security_policy(watched, editor):
    page = watched.page
    sign_in(page, "editor")
    response = page.goto("/admin/articles/article/add/")

    policy = response.headers["content-security-policy"]
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy
    assert "'nonce-" in policy
    body = page.locator(".field-body [contenteditable=true]")
    body.click()
    page.keyboard.type("Typed in the editor.")

    assert page.locator("textarea#id_body").input_value() == "<p>Typed in the editor.</p>"
    watched.assert_clean()
