import pytest

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


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
