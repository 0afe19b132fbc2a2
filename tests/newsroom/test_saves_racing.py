"""Two saves racing for one address on PostgreSQL: the one that loses gets its form back with
the error it gets when the address was taken before it opened, never a server error.

Another editor's save is held open in a thread of its own (its own connection) until the
request under test waits on the database for it, then committed: the request checked the address
while it was free and meets the database's unique rule only as it writes.
"""

import threading
import time

import pytest
from django.db import connection, connections, transaction

from articles.models import Article, Author
from newsroom.models import SitePage
from tests.admin_forms import form_data
from tests.articles.admin.article_forms import ADD_URL, article_form, errors_of
from tests.factories import ArticleFactory, AuthorFactory, SitePageFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

WAITING_FOR_A_LOCK = """
    SELECT count(*) FROM pg_stat_activity
    WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()
"""


class HeldOpen:
    """`make()` run in a transaction of another connection, committed once a request waits on
    it (or after `patience` seconds, when none does)."""

    def __init__(self, make, *, patience: float = 20.0):
        self.make, self.patience = make, patience
        self.made = threading.Event()
        self.errors: list[BaseException] = []
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self):
        try:
            with transaction.atomic():
                self.make()
                self.made.set()
                give_up = time.monotonic() + self.patience
                while time.monotonic() < give_up:
                    with connection.cursor() as cursor:
                        cursor.execute(WAITING_FOR_A_LOCK)
                        if cursor.fetchone()[0]:
                            break
                    time.sleep(0.02)
        except BaseException as error:  # reported by the test, not lost in the thread
            self.errors.append(error)
        finally:
            self.made.set()
            connections.close_all()

    def __enter__(self):
        self.thread.start()
        assert self.made.wait(30)
        return self

    def __exit__(self, *exc):
        self.thread.join(60)
        assert not self.errors, self.errors


def test_a_new_article_whose_address_is_taken_as_it_is_saved_gets_the_form_back(
    editor_client,
):
    author = AuthorFactory()
    headline = "What a TV show teaches us about work"
    with HeldOpen(lambda: ArticleFactory(headline="Another piece", slug="tv-show")):
        response = editor_client.post(
            f"{ADD_URL}add/", article_form(author, headline=headline, slug="tv-show")
        )

    assert "The address /news/tv-show/ is taken by" in errors_of(response)
    assert "What a TV show teaches us about work" in response.content.decode()
    assert list(Article.objects.values_list("headline", flat=True)) == ["Another piece"]


def test_an_article_renamed_to_an_address_taken_as_it_is_saved_keeps_its_own(editor_client):
    article = ArticleFactory(headline="Ferry times", slug="ferry-times")
    url = f"{ADD_URL}{article.pk}/change/"
    form = form_data(editor_client.get(url), slug="harbour")
    with HeldOpen(lambda: ArticleFactory(headline="Harbour news", slug="harbour")):
        response = editor_client.post(url, form)

    assert "The address /news/harbour/ is taken by" in errors_of(response)
    article.refresh_from_db()
    assert article.slug == "ferry-times"


def test_an_author_whose_address_is_taken_as_it_is_saved_gets_the_form_back(editor_client):
    with HeldOpen(lambda: AuthorFactory(name="Dana Whitfield", slug="dana")):
        response = editor_client.post(
            "/admin/articles/author/add/",
            {"name": "Dana Other", "slug": "dana", "role": "", "organisation": "", "bio": ""},
        )

    assert response.status_code == 200
    assert "slug" in response.context["adminform"].form.errors
    assert list(Author.objects.values_list("name", flat=True)) == ["Dana Whitfield"]


def test_a_site_page_whose_address_is_taken_as_it_is_saved_gets_the_form_back(editor_client):
    with HeldOpen(lambda: SitePageFactory(title="About us", slug="about")):
        response = editor_client.post(
            "/admin/newsroom/sitepage/add/",
            {
                "title": "About",
                "slug": "about",
                "body": "<p>Who we are.</p>",
                "status": "draft",
                "nav_order": "0",
                "seo_title": "",
                "seo_description": "",
            },
        )

    assert response.status_code == 200
    assert "slug" in response.context["adminform"].form.errors
    assert list(SitePage.objects.values_list("title", flat=True)) == ["About us"]


def test_an_article_naming_an_author_deleted_as_it_is_saved_gets_the_form_back(editor_client):
    author = AuthorFactory(name="Dana Whitfield")
    with HeldOpen(lambda: Author.objects.filter(pk=author.pk).delete()):
        response = editor_client.post(f"{ADD_URL}add/", article_form(author))

    assert response.status_code == 200
    bylines = response.context["inline_admin_formsets"][0].formset
    assert "Select a valid choice" in str(bylines.errors)
    assert not Article.objects.exists()
