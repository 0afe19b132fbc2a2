"""`{% fragment %}`: kept until what it shows changes, per key, and never where it must not be."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory

from newsroom import pagecache
from newsroom.pagecache.tags import collecting

pytestmark = pytest.mark.django_db


class Counter:
    def __init__(self):
        self.renders = 0

    def next(self) -> int:
        self.renders += 1
        return self.renders


class LoadsAnAuthor:
    """What a template reads that loads a row and says so, as the project's loaders do."""

    def load(self) -> str:
        pagecache.shows("author-3")
        return ""


KEPT = Template(
    '{% load fragments %}{% fragment "test" key tags="article-1 site" %}'
    "render {{ counter.next }}{% endfragment %}"
)


def render(template=KEPT, **context) -> str:
    return template.render(Context(context))


@pytest.fixture(autouse=True)
def empty_cache():
    pagecache.clear()


def test_a_fragment_is_rendered_once_per_key_until_one_of_its_tags_is_retired():
    counter = Counter()

    assert render(key="a", counter=counter) == "render 1"
    assert render(key="a", counter=counter) == "render 1"
    assert render(key="b", counter=counter) == "render 2"

    pagecache.retire(["article-2"])
    assert render(key="a", counter=counter) == "render 1"

    pagecache.retire(["article-1"])
    assert render(key="a", counter=counter) == "render 3"
    assert render(key="b", counter=counter) == "render 4"


def test_tags_may_be_a_list_and_what_the_contents_show_is_added():
    template = Template(
        '{% load fragments %}{% fragment "test" key tags=tags %}'
        "{{ counter.next }}{{ author.load }}{% endfragment %}"
    )
    counter = Counter()

    context = {"key": "a", "tags": ["site"], "counter": counter, "author": LoadsAnAuthor()}

    assert render(template, **context) == "1"
    pagecache.retire(["author-3"])
    assert render(template, **context) == "2"
    pagecache.retire(["site"])
    assert render(template, **context) == "3"


def test_contents_that_show_nothing_are_an_error_not_kept_forever():
    template = Template('{% load fragments %}{% fragment "test" key %}text{% endfragment %}')

    with pytest.raises(ImproperlyConfigured, match="without saying what it shows"):
        render(template, key="a")


def test_a_missing_key_part_keeps_nothing():
    counter = Counter()

    assert render(counter=counter) == "render 1"
    assert render(counter=counter) == "render 2"
    assert render(key=None, counter=counter) == "render 3"


def test_an_optional_key_part_is_made_explicit_with_default():
    template = Template(
        '{% load fragments %}{% fragment "test" key|default:"" tags="site" %}'
        "{{ counter.next }}{% endfragment %}"
    )
    counter = Counter()

    assert render(template, counter=counter) == render(template, counter=counter) == "1"


def test_previews_and_editors_get_fragments_made_afresh(client):
    counter = Counter()
    editor = RequestFactory().get("/news/", HTTP_COOKIE="sessionid=abc")
    reader = RequestFactory().get("/news/")

    assert render(key="a", counter=counter, fragments_off=True) == "render 1"
    assert render(key="a", counter=counter, fragments_off=True) == "render 2"
    assert render(key="a", counter=counter, request=editor) == "render 3"
    assert render(key="a", counter=counter, request=reader) == "render 4"
    assert render(key="a", counter=counter, request=reader) == "render 4"


def test_a_fragment_needs_a_name():
    with pytest.raises(TemplateSyntaxError, match="'fragment' needs a name"):
        Template("{% load fragments %}{% fragment %}x{% endfragment %}")


class KeyPart:
    """A key part that counts how often it is worked out."""

    def __init__(self):
        self.asked = 0

    def __str__(self) -> str:
        self.asked += 1
        return "part"

    @property
    def value(self) -> "KeyPart":
        self.asked += 1
        return self


@pytest.mark.usefixtures("nothing_kept")
def test_with_nothing_kept_a_fragment_is_made_each_time_and_still_says_what_it_shows():
    template = Template(
        '{% load fragments %}{% fragment "test" part.value tags="article-1 site" %}'
        "render {{ counter.next }}{{ author.load }}{% endfragment %}"
    )
    counter, part = Counter(), KeyPart()
    context = {"part": part, "counter": counter, "author": LoadsAnAuthor()}

    with collecting() as shown:
        assert render(template, **context) == "render 1"
        assert render(template, **context) == "render 2"

    assert shown == {"article-1", "site", "author-3"}
    # Its key would name nothing kept, so it is not worked out.
    assert part.asked == 0
