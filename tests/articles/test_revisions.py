"""Every admin save is kept: compare two revisions, restore one, recover a deleted article."""

from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup
from reversion.models import Version

from articles.models import Article, Author, Byline, SlugRedirect
from newsroom.models import SitePage
from tests.admin_forms import form_data
from tests.factories import ArticleFactory, AuthorFactory, SitePageFactory

pytestmark = pytest.mark.django_db

PAYLOAD = '<img src=x onerror="alert(1)">'


def change_url(obj) -> str:
    opts = obj._meta
    return f"/admin/{opts.app_label}/{opts.model_name}/{obj.pk}/change/"


def save_in_admin(client, obj, **changes):
    url = change_url(obj)
    response = client.post(url, form_data(client.get(url), **changes))
    assert response.status_code == 302, response.content.decode()[:2000]


def versions_of(obj) -> list[Version]:
    return list(Version.objects.get_for_object(obj).order_by("pk"))


def test_every_admin_save_is_a_revision_listed_in_the_history(admin_client):
    article = ArticleFactory(headline="First headline")
    save_in_admin(admin_client, article, headline="Second headline")
    save_in_admin(admin_client, article, headline="Third headline")

    response = admin_client.get(f"/admin/articles/article/{article.pk}/history/")

    assert len(versions_of(article)) == 3  # the state before the first edit, then two saves
    html = response.content.decode()
    assert html.count("Restore this version") == 3
    assert "Compare the two versions" in html


def test_the_history_dates_each_version_with_its_zone_on_the_night_the_clocks_go_back(
    admin_client, settings
):
    """Two versions saved an hour apart in the hour that comes twice are told apart, and dated
    as the rest of the admin dates times."""
    settings.TIME_ZONE = "Europe/London"
    article = ArticleFactory(headline="First headline")
    save_in_admin(admin_client, article, headline="Second headline")
    older, newer = versions_of(article)
    for version, hour in ((older, 0), (newer, 1)):
        version.revision.date_created = datetime(2030, 10, 27, hour, 30, tzinfo=UTC)
        version.revision.save()

    history = admin_client.get(f"/admin/articles/article/{article.pk}/history/").content.decode()
    compared = admin_client.get(
        f"/admin/articles/article/{article.pk}/history/compare/",
        {"from": older.pk, "to": newer.pk},
    ).content.decode()

    for html in (history, compared):
        assert "Oct 27, 2030 01:30 BST" in html
        assert "Oct 27, 2030 01:30 GMT" in html
    assert 'aria-label="Compare from Oct 27, 2030 01:30 GMT"' in history


def test_comparing_two_revisions_shows_the_changed_words(admin_client):
    author = AuthorFactory(name="Dana Whitfield")
    article = ArticleFactory(headline="Ferries and work", authors=[author])
    save_in_admin(
        admin_client,
        article,
        headline="What ferries teach us about work",
        body="<p>The first paragraph.</p><p>A new closing paragraph.</p>",
    )
    older, newer = versions_of(article)

    response = admin_client.get(
        f"/admin/articles/article/{article.pk}/history/compare/",
        {"from": older.pk, "to": newer.pk},
    )

    assert response.status_code == 200
    labels = [change.label for change in response.context["changes"]]
    assert labels == ["Headline", "Body"]
    html = response.content.decode()
    assert (
        "<del>Ferries</del> <ins>What</ins> <del>and</del> <ins>ferries teach us about</ins> work"
        in html
    )
    assert (
        "paragraph<del> of the article</del>.\n\n<del>The</del> <ins>A</ins> <del>second</del>"
        in html
    )


def test_replaced_words_keep_a_space_between_them_in_the_comparison(admin_client):
    article = ArticleFactory(headline="The quick brown fox", body="<p>One two three.</p>")
    save_in_admin(
        admin_client, article, headline="The slow brown dog", body="<p>One four three.</p>"
    )
    older, newer = versions_of(article)

    html = admin_client.get(
        f"/admin/articles/article/{article.pk}/history/compare/",
        {"from": older.pk, "to": newer.pk},
    ).content.decode()

    rows = BeautifulSoup(html, "html.parser").select(".revision-diff tbody tr")
    read = {row.th.get_text(): row.td.get_text() for row in rows}
    assert read["Headline"] == "The quick slow brown fox dog"
    assert read["Body"] == "One two four three."


def test_the_diff_shows_stored_markup_as_text_and_never_runs_it(admin_client):
    article = ArticleFactory(headline="Plain")
    save_in_admin(admin_client, article, headline=f"Plain {PAYLOAD}", dek=f"<script>{PAYLOAD}")
    older, newer = versions_of(article)

    html = admin_client.get(
        f"/admin/articles/article/{article.pk}/history/compare/",
        {"from": older.pk, "to": newer.pk},
    ).content.decode()

    diff = html[html.index('class="revision-diff"') :]
    assert "<img" not in diff
    assert "<script" not in diff
    assert "<ins> &lt;img src=x onerror=&quot;alert(1)&quot;&gt;</ins>" in diff


def test_comparing_with_a_revision_of_another_object_is_404(admin_client):
    article = ArticleFactory()
    other = ArticleFactory()
    save_in_admin(admin_client, article, headline="Changed")
    save_in_admin(admin_client, other, headline="Other changed")

    response = admin_client.get(
        f"/admin/articles/article/{article.pk}/history/compare/",
        {"from": versions_of(other)[0].pk, "to": versions_of(article)[-1].pk},
    )

    assert response.status_code == 404


def test_restoring_a_revision_brings_back_its_text_and_bylines(admin_client):
    first, second = AuthorFactory(name="First Author"), AuthorFactory(name="Second Author")
    article = ArticleFactory(headline="Original", slug="original", authors=[first])
    url = change_url(article)
    data = form_data(admin_client.get(url), headline="Rewritten")
    data["bylines-0-author"] = str(second.pk)
    assert admin_client.post(url, data).status_code == 302
    original = versions_of(article)[0]
    article.refresh_from_db()
    live_version = article.version

    restore_url = f"/admin/articles/article/{article.pk}/history/{original.pk}/"
    page = admin_client.get(restore_url)
    assert page.status_code == 200
    article.refresh_from_db()
    assert article.headline == "Rewritten"  # looking at a revision changes nothing

    response = admin_client.post(restore_url, form_data(page))

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Original"
    assert [b.author for b in article.bylines.all()] == [first]
    assert len(versions_of(article)) == 3
    # Restoring is a save like any other: the version goes on growing (calendar feeds rely on it).
    assert article.version == live_version + 1


def test_restoring_an_older_slug_redirects_from_the_current_one(admin_client, client):
    article = ArticleFactory(slug="before")
    save_in_admin(admin_client, article, slug="after")
    original = versions_of(article)[0]
    restore_url = f"/admin/articles/article/{article.pk}/history/{original.pk}/"

    admin_client.post(restore_url, form_data(admin_client.get(restore_url)))

    assert client.get("/news/after/")["Location"] == "/news/before/"
    assert list(SlugRedirect.objects.values_list("old_slug", flat=True)) == ["after"]


def test_restoring_a_draft_from_before_publication_keeps_the_address_fixed(editor_client, client):
    article = ArticleFactory(
        headline="Harbour plan", slug="harbour-plan", status="draft", published_at=None
    )
    save_in_admin(editor_client, article, dek="First draft.")
    draft = versions_of(article)[-1]
    save_in_admin(editor_client, article, _publish="")
    assert client.get("/news/harbour-plan/").status_code == 200
    restore_url = f"/admin/articles/article/{article.pk}/history/{draft.pk}/"

    # Taken down with the restore's Unpublish: restoring alone keeps a live piece live.
    response = editor_client.post(
        restore_url, form_data(editor_client.get(restore_url), _unpublish="")
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.status, article.slug_fixed) == (Article.Status.UNPUBLISHED, True)

    # Reworded and run again: the address it ran at stays.
    save_in_admin(editor_client, article, headline="Harbour plan approved")
    save_in_admin(editor_client, article, _publish="")

    article.refresh_from_db()
    assert article.slug == "harbour-plan"
    assert client.get("/news/harbour-plan/").status_code == 200


def test_a_deleted_article_can_be_recovered_with_its_bylines(editor_client):
    author = AuthorFactory(name="Dana Whitfield")
    article = ArticleFactory(headline="Lost and found", authors=[author])
    save_in_admin(editor_client, article, dek="Saved once in the admin.")
    editor_client.post(f"/admin/articles/article/{article.pk}/delete/", {"post": "yes"})
    assert not Article.objects.exists()

    listing = editor_client.get("/admin/articles/article/recover/")
    assert "Lost and found" in listing.content.decode()
    deleted = Version.objects.get_deleted(Article).get()
    recover_url = f"/admin/articles/article/recover/{deleted.pk}/"
    response = editor_client.post(recover_url, form_data(editor_client.get(recover_url)))

    assert response.status_code == 302
    recovered = Article.objects.get()
    assert recovered.headline == "Lost and found"
    assert recovered.dek == "Saved once in the admin."
    assert list(Byline.objects.filter(article=recovered).values_list("author", flat=True)) == [
        author.pk
    ]


def test_contributors_cannot_recover_deleted_articles(contributor_client, admin_client):
    article = ArticleFactory()
    save_in_admin(admin_client, article, dek="Saved.")
    article.delete()
    deleted = Version.objects.get_deleted(Article).get()

    assert contributor_client.get("/admin/articles/article/recover/").status_code == 403
    assert contributor_client.get(f"/admin/articles/article/recover/{deleted.pk}/").status_code == (
        403
    )


def test_authors_and_site_pages_keep_revisions_too(admin_client):
    author = AuthorFactory(name="Dana Whitfield", role="Co-CEO")
    page = SitePageFactory(title="About us")
    save_in_admin(admin_client, author, role="Chair")
    save_in_admin(admin_client, page, title="About Northwind")

    author_versions = Version.objects.get_for_model(Author)
    page_versions = Version.objects.get_for_model(SitePage)
    assert author_versions.count() == 1
    assert page_versions.count() == 1

    history = admin_client.get(f"/admin/newsroom/sitepage/{page.pk}/history/")
    assert "Restore this version" in history.content.decode()


def test_publishing_from_the_list_is_a_named_revision(admin_client):
    draft = ArticleFactory(status="draft", published_at=None)

    admin_client.post(
        "/admin/articles/article/", {"action": "publish_selected", "_selected_action": [draft.pk]}
    )

    (version,) = versions_of(draft)
    assert version.revision.get_comment() == "Published."
    assert version.revision.user.username == "admin"


def compared_body(client, article) -> str:
    """The Body row of the comparison of `article`'s first and last revisions, as it reads."""
    versions = versions_of(article)
    html = client.get(
        f"/admin/articles/article/{article.pk}/history/compare/",
        {"from": versions[0].pk, "to": versions[-1].pk},
    ).content.decode()
    rows = BeautifulSoup(html, "html.parser").select(".revision-diff tbody tr")
    return next((row.td.decode_contents() for row in rows if row.th.get_text() == "Body"), "")


def test_the_comparison_writes_superscripts_as_readers_see_them(editor_client):
    article = ArticleFactory(body="<p>E = mc<sup>2</sup>, H<sub>2</sub>O and 21<sup>st</sup>.</p>")
    save_in_admin(
        editor_client,
        article,
        body="<p>E = mc<sup>3</sup>, H<sub>2</sub>O and 21<sup>st</sup>.</p>",
    )

    assert compared_body(editor_client, article) == (
        "E = <del>mc²</del> <ins>mc³</ins>, H₂O and 21st."
    )


def test_the_comparison_shows_a_changed_link_address(editor_client):
    article = ArticleFactory(body='<p>Read <a href="https://example.com/old">the report</a>.</p>')
    save_in_admin(
        editor_client,
        article,
        body='<p>Read <a href="https://example.com/new">the report</a>.</p>',
    )

    assert compared_body(editor_client, article) == (
        "Read the report &lt;https://example.com/<del>old</del> <ins>new</ins>&gt;."
    )


def test_the_comparison_numbers_a_list_as_the_page_counts_it(editor_client):
    article = ArticleFactory(body="<ol><li>Engine</li><li>Hull</li></ol>")
    save_in_admin(editor_client, article, body='<ol type="a"><li>Engine</li><li>Hull</li></ol>')

    assert compared_body(editor_client, article) == (
        "<del>1</del> <ins>a</ins>. Engine\n<del>2</del> <ins>b</ins>. Hull"
    )


def test_the_comparison_keeps_the_captions_of_two_figures_apart(editor_client, settings):
    def figures(second: str) -> str:
        return "".join(
            f'<figure class="figure"><img src="{settings.MEDIA_URL}{name}.jpg" alt="A ferry">'
            f'<figcaption class="figure-caption">{caption}</figcaption></figure>'
            for name, caption in (("one", "The old ferry"), ("two", second))
        )

    article = ArticleFactory(body=figures("The new pier"))
    save_in_admin(editor_client, article, body=figures("The new harbour"))

    assert compared_body(editor_client, article) == (
        "The old ferry\n\nThe new <del>pier</del> <ins>harbour</ins>"
    )
