"""Origins of cross-posted pieces: platforms, clean URLs and what identifies an original."""

import pytest

from articles.crosspost import origins


@pytest.mark.parametrize(
    ("url", "platform", "form"),
    [
        ("https://www.linkedin.com/pulse/how-we-work-dana-whitfield/", "LinkedIn", "article"),
        (
            "https://www.linkedin.com/posts/dana-whitfield_culture-activity-7151-aB3d/",
            "LinkedIn",
            "post",
        ),
        ("https://uk.linkedin.com/pulse/how-we-work-dana-whitfield/", "LinkedIn", "article"),
        ("https://www.linkedin.com/feed/update/urn:li:activity:7151/", "LinkedIn", "post"),
        ("https://medium.com/@dana/how-we-work-5c1e0a7d2b94", "Medium", "article"),
        ("https://dana.medium.com/how-we-work-5c1e0a7d2b94", "Medium", "article"),
        ("https://writing.northwind.example/plan-in-seasons-5c1e0a7d2b94", "Medium", "article"),
        ("https://dana.substack.com/p/how-we-work", "Substack", "article"),
        ("https://x.com/dana/status/1879", "X", "post"),
        ("https://twitter.com/dana/status/1879", "X", "post"),
        ("https://mobile.twitter.com/dana/status/1879", "X", "post"),
        ("https://www.forbes.com/sites/dana/2025/01/14/work/", "Forbes", "article"),
        ("https://fortune.com/2025/01/14/work-lessons-tv/", "Fortune", "article"),
        ("https://www.nytimes.com/2025/01/14/opinion/work.html", "The New York Times", "article"),
        ("https://www.wsj.com/opinion/work-1", "The Wall Street Journal", "article"),
        ("https://www.ft.com/content/abc", "the Financial Times", "article"),
        ("https://www.theguardian.com/commentisfree/2025/jan/14/work", "The Guardian", "article"),
        ("https://hbr.org/2025/01/work", "Harvard Business Review", "article"),
        ("https://blog.example.org/post", "blog.example.org", "article"),
        ("https://www.northwind.example/blog/how-we-work", "northwind.example", "article"),
        ("https://xn--bcher-kva.example/essay", "bücher.example", "article"),
        # A word that happens to be hexadecimal is not a Medium story id.
        ("https://blog.example.org/why-we-deface-decade", "blog.example.org", "article"),
        ("not a url", "", "article"),
        ("", "", "article"),
    ],
)
def test_platform_detection(url, platform, form):
    assert origins.detect_platform(url) == platform
    assert origins.piece_form(url) == form


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("linkedin", "LinkedIn"),
        ("  Twitter ", "X"),
        ("NYT", "The New York Times"),
        ("financial times", "the Financial Times"),
        ("Company blog", "Company blog"),
    ],
)
def test_typed_platform_names_are_spelled_as_readers_know_them(typed, name):
    assert origins.normalise_platform(typed) == name


@pytest.mark.parametrize(
    ("url", "cleaned"),
    [
        (
            "https://www.linkedin.com/pulse/how-we-work-dana/?trackingId=ab%3D%3D&trk=public_post"
            "&utm_source=share&utm_medium=member_desktop",
            "https://www.linkedin.com/pulse/how-we-work-dana/",
        ),
        (
            "https://www.linkedin.com/posts/dana_activity-7151?lipi=urn%3Ali&utm_campaign=x",
            "https://www.linkedin.com/posts/dana_activity-7151",
        ),
        (
            "https://medium.com/@dana/work-5c1e0a7d2b94?source=rss----abc&sk=0f1e2d",
            "https://medium.com/@dana/work-5c1e0a7d2b94?sk=0f1e2d",
        ),
        (
            "https://writing.northwind.example/plan-5c1e0a7d2b94?source=friends_link",
            "https://writing.northwind.example/plan-5c1e0a7d2b94",
        ),
        ("https://x.com/dana/status/1879?s=20&t=AbC", "https://x.com/dana/status/1879"),
        (
            "https://dana.substack.com/p/work?r=2xyz&utm_medium=ios",
            "https://dana.substack.com/p/work",
        ),
        (
            "https://www.forbes.com/sites/dana/work/?sh=1a2b3c",
            "https://www.forbes.com/sites/dana/work/",
        ),
        # The share buttons of apps: who shared, on what device, from which copy.
        ("https://youtu.be/dQw4w9WgXcQ?si=AbCdEfGh12345", "https://youtu.be/dQw4w9WgXcQ"),
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s&si=AbC&feature=shared",
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s",
        ),
        (
            "https://www.threads.net/@dana/post/C1a2b3?xmt=AQGzAbC&slof=1",
            "https://www.threads.net/@dana/post/C1a2b3",
        ),
        (
            "https://www.facebook.com/dana/posts/pfbid0Ab?mibextid=Nif5oz&rdid=Xy"
            "&__cft__%5B0%5D=AZW&__tn__=%2CO%2CP-R",
            "https://www.facebook.com/dana/posts/pfbid0Ab",
        ),
        (
            "https://www.reddit.com/r/startups/comments/1abc/boards/?share_id=AbC&rdt=4242",
            "https://www.reddit.com/r/startups/comments/1abc/boards/",
        ),
        (
            "https://www.tiktok.com/@dana/video/7312?_r=1&_t=8iAbC&is_from_webapp=1"
            "&sender_device=pc",
            "https://www.tiktok.com/@dana/video/7312",
        ),
        # Substack's "Copy link" leads to the post's own address, which is the one kept.
        (
            "https://open.substack.com/pub/dana/p/why-boards-fail?r=2xyz&utm_campaign=post"
            "&utm_medium=web&showWelcomeOnShare=true",
            "https://dana.substack.com/p/why-boards-fail",
        ),
        (
            "https://open.substack.com/pub/Dana-Notes/p/why-boards-fail/#footnote-1",
            "https://dana-notes.substack.com/p/why-boards-fail/#footnote-1",
        ),
        # Its other pages are left as they are.
        ("https://open.substack.com/pub/dana", "https://open.substack.com/pub/dana"),
        (
            "https://example.org/story?id=42&fbclid=IwAR0&gclid=x&page=2",
            "https://example.org/story?id=42&page=2",
        ),
        ("HTTPS://Example.ORG:443/Story#:~:text=quoted", "https://example.org/Story"),
        ("https://example.org/story#part-2", "https://example.org/story#part-2"),
        ("https://example.org/a%20b?q=a%20b&UTM_Source=x", "https://example.org/a%20b?q=a%20b"),
        # Another platform's parameter names mean nothing special elsewhere.
        ("https://example.org/search?s=work&t=1", "https://example.org/search?s=work&t=1"),
        ("javascript:alert(1)", "javascript:alert(1)"),
        ("", ""),
    ],
)
def test_tracking_parameters_are_stripped_and_the_rest_kept_as_is(url, cleaned):
    assert origins.clean_url(url) == cleaned


ARTICLE = "https://www.linkedin.com/pulse/what-tv-show-teaches-us-work-dana-whitfield/"


@pytest.mark.parametrize(
    "url",
    [
        ARTICLE,
        ARTICLE.rstrip("/"),
        ARTICLE.replace("https://", "http://"),
        ARTICLE.replace("www.", ""),
        ARTICLE.replace("www.", "uk."),
        ARTICLE.replace("www.", "m."),
        "HTTP://WWW.LinkedIn.com/pulse/what-tv-show-teaches-us-work-dana-whitfield?trk=public_post",
    ],
)
def test_every_address_of_an_original_has_the_same_identity(url):
    assert (
        origins.origin_key(url)
        == "https://linkedin.com/pulse/what-tv-show-teaches-us-work-dana-whitfield"
    )


@pytest.mark.parametrize(
    ("url", "key"),
    [
        (
            "https://www.linkedin.com/posts/dana_meetings-activity-7151234567890123456-AbCd/",
            "https://linkedin.com/feed/update/urn:li:activity:7151234567890123456",
        ),
        (
            # No words before "activity": a post in another script, or opening with an emoji.
            "https://www.linkedin.com/posts/danawhitfield_activity-7151234567890123456-AbCd",
            "https://linkedin.com/feed/update/urn:li:activity:7151234567890123456",
        ),
        (
            "https://uk.linkedin.com/posts/dana-whitfield_%E4%BC%9A%E8%AE%AE-activity-7151234567890123456-AbCd",
            "https://linkedin.com/feed/update/urn:li:activity:7151234567890123456",
        ),
        (
            "https://de.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A7151234567890123456",
            "https://linkedin.com/feed/update/urn:li:activity:7151234567890123456",
        ),
        ("https://twitter.com/dana/status/1879?s=20", "https://x.com/i/status/1879"),
        ("https://mobile.twitter.com/Dana/status/1879", "https://x.com/i/status/1879"),
        ("https://x.com/i/web/status/1879", "https://x.com/i/status/1879"),
        ("https://twitter.com/i/status/1879/", "https://x.com/i/status/1879"),
        ("https://x.com/dana/status/1879/photo/1?lang=en", "https://x.com/i/status/1879"),
        ("https://twitter.com/dana/statuses/1879", "https://x.com/i/status/1879"),
        ("https://x.com/dana", "https://x.com/dana"),
        ("https://www.example.org/", "https://example.org"),
        ("https://example.org/story?id=42#part-2", "https://example.org/story?id=42"),
        ("https://example.org:8443/Story/", "https://example.org:8443/Story"),
        ("", ""),
        ("javascript:alert(1)", ""),
    ],
)
def test_the_identity_of_an_original(url, key):
    assert origins.origin_key(url) == key


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("https://example.org/story?id=42", "https://example.org/story?id=43"),
        ("https://example.org/Story", "https://example.org/story"),
        ("https://dana.substack.com/p/work", "https://marcus.substack.com/p/work"),
        ("https://uk.example.org/work", "https://example.org/work"),
        ("https://x.com/dana/status/1879", "https://x.com/dana/status/18790"),
        ("https://x.com/dana/status/1879", "https://example.org/dana/status/1879"),
    ],
)
def test_different_originals_keep_different_identities(one, other):
    assert origins.origin_key(one) != origins.origin_key(other)
