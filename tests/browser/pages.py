"""Realistic content for the accessibility and HTML checks: every kind of public page."""

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from articles.models import Article
from newsroom.models import SiteSettings
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    MediaKitItemFactory,
    PressContactFactory,
    SitePageFactory,
)


def publish_sample(make_upload) -> dict[str, str]:
    """The op-ed DESIGN.md describes and its neighbours; returns each page's name and path."""
    dana = AuthorFactory(name="Dana Whitfield", slug="dana-whitfield", role="Co-CEO")
    marcus = AuthorFactory(
        name="Marcus Ellis", slug="marcus-ellis", role="Chief Technology Officer"
    )
    op_ed = ArticleFactory(
        kind=Article.Kind.OP_ED,
        headline="What a TV show teaches us about work",
        slug="what-a-tv-show-teaches-us-about-work",
        dek="Lessons from season one for every team.",
        spoiler_warning="contains spoilers for season one",
        spoiler_warning__subject="Low Tide at Marrow Bay",
        introduction="<p>Our co-CEO wrote about a show the whole office is watching.</p>",
        body="<p>The first season ends with the team <strong>rebuilding</strong> the office. "
        '<span class="spoiler">The boss never comes back.</span></p>'
        '<h2>What we took from it</h2><ul><li>Talk early.</li><li>Fix <a href="https://'
        'example.com/">small things</a>.</li></ul><blockquote><p>Quoted words.</p></blockquote>',
        featured_image=make_upload("office.jpg"),
        featured_image_alt="The cast standing in an empty office",
        featured_image_caption="The season one finale.",
        featured_image_credit="Photo: Studio",
        origin_url="https://www.linkedin.com/pulse/what-tv-show-teaches-us-work-dana/",
        origin_published_on=date(2025, 1, 14),
        is_featured=True,
        authors=[dana, marcus],
        tag_names=["Culture", "Television"],
    )
    for number in range(14):
        ArticleFactory(
            kind=[Article.Kind.NEWS, Article.Kind.PRESS_RELEASE][number % 2],
            headline=f"Quarterly update number {number}",
            slug=f"quarterly-update-{number}",
            published_at=timezone.now() - timedelta(days=number + 2),
            authors=[marcus],
            tag_names=["Culture"],
            spoiler_warning="mentions the finale" if number == 3 else "",
        )
    # Shared with its title card; no introduction, and search engines sent to this page.
    republished = ArticleFactory(
        kind=Article.Kind.OP_ED,
        headline="Why we moved our servers north",
        slug="why-we-moved-our-servers-north",
        origin_url="https://www.linkedin.com/pulse/why-we-moved-our-servers-north-marcus/",
        indexing=Article.Indexing.SELF,
        authors=[marcus, dana],
    )
    # A media kit on a release and on the press room: a picture and a fact sheet.
    release = Article.objects.get(slug="quarterly-update-1")
    MediaKitItemFactory(
        article=release,
        title="The Lisbon studio from the river",
        image=make_upload("studio.jpg", size=(2400, 1600)),
    )
    MediaKitItemFactory(
        title="Fact sheet",
        image=None,
        alt_text="",
        document=SimpleUploadedFile("facts.pdf", b"%PDF-1.7\n%%EOF\n"),
    )
    MediaKitItemFactory(title="Logo", image=make_upload("logo.png", image_format="PNG"))
    PressContactFactory(
        name="Ruth Calloway",
        slug="ruth-calloway",
        role="Head of communications",
        photo=make_upload("ruth.png", image_format="PNG", size=(400, 400)),
    )
    PressContactFactory(name="Ana Ribeiro", slug="ana-ribeiro", email="", for_releases=False)
    SiteSettings(
        boilerplate='<p>Northwind Labs makes tools for teams. <a href="https://example.com/">'
        "Visit our website</a>.</p>"
    ).save()
    about = SitePageFactory(
        title="About",
        slug="about",
        body="<p>We make tools for teams.</p><h2>Contact</h2><p>Write to us.</p>",
        seo_description="Who we are.",
    )
    return {
        "index": "/news/",
        "index page two": "/news/?page=2",
        "article": op_ed.get_absolute_url(),
        "article without a picture": republished.get_absolute_url(),
        "author": dana.get_absolute_url(),
        "tag": "/news/tags/culture/",
        "site page": about.get_absolute_url(),
        "press room": "/press/",
        "press release": "/news/quarterly-update-1/",
        "search results": "/news/search/?q=office",
        "not found": "/news/no-such-article/",
        **alert_pages(dana),
    }


def alert_pages(author) -> dict[str, str]:
    """The email alerts' own pages: subscribing, and a subscriber's preferences and unsubscribe
    pages (with a topic chosen that has no public piece any more)."""
    from taggit.models import Tag

    from articles.alerts import tokens
    from tests.factories import SubscriberFactory

    retired = Tag.objects.create(name="Retired topic", slug="retired-topic")
    reader = SubscriberFactory(everything=False, kinds=["op-ed"], authors=[author], tags=[retired])
    token = tokens.subscriber_token(reader.key)
    return {
        "email alerts": f"/news/alerts/?authors={author.pk}&kinds=op-ed",
        "alerts preferences": f"/news/alerts/preferences/{token}/",
        "unsubscribe": f"/news/alerts/unsubscribe/{token}/",
    }


def desk_sample(editor) -> dict[str, str]:
    """A newsroom's week on the editor's desk: pieces in every state the dashboard and the
    calendar show; returns each desk page's name and path."""
    from articles.desk.calendar import Week
    from articles.workflow import previews

    now = timezone.now()
    dana = AuthorFactory(name="Dana Whitfield", slug="dana-whitfield")
    ArticleFactory(
        kind=Article.Kind.OP_ED,
        headline="Fewer meetings, better notes",
        status=Article.Status.IN_REVIEW,
        published_at=None,
        planned_for=now + timedelta(days=2),
        authors=[dana],
    )
    ArticleFactory(
        headline="Inside the Saturday repair café",
        status=Article.Status.DRAFT,
        published_at=None,
        dek="",
        created_by=editor,
        planned_for=now + timedelta(days=4),
    )
    ArticleFactory(
        kind=Article.Kind.PRESS_RELEASE,
        headline="Northwind Labs publishes its first impact report",
        published_at=now + timedelta(days=1),
        authors=[dana],
    )
    published = ArticleFactory(headline="Fieldbook passes 100,000 weekly users", authors=[dana])
    # Planned, so its Move page offers the new time's date and time boxes.
    planned = ArticleFactory(
        headline="Interview with the night shift",
        status=Article.Status.DRAFT,
        published_at=None,
        planned_for=now + timedelta(days=3),
    )
    link = previews.create_link(article=published, reviewer="Dana Whitfield", created_by=editor)
    previews.record_view(link)
    week = Week.containing(timezone.localdate())
    return {
        "dashboard": "/admin/",
        "calendar month": "/admin/desk/calendar/",
        "calendar week": f"/admin/desk/calendar/{week.year}/week/{week.week}/",
        "move": f"/admin/desk/articles/{planned.pk}/move/",
    }
