"""`{% fragment %}`: kept until the content changes, per key, and never where it must not be."""

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory

from newsroom import pagecache

pytestmark = pytest.mark.django_db


class Counter:
    def __init__(self):
        self.renders = 0

    def next(self) -> int:
        self.renders += 1
        return self.renders


KEPT = Template(
    '{% load fragments %}{% fragment "test" key %}render {{ counter.next }}{% endfragment %}'
)


def render(template=KEPT, **context) -> str:
    return template.render(Context(context))


@pytest.fixture(autouse=True)
def empty_cache():
    pagecache.clear()


def test_a_fragment_is_rendered_once_per_key_until_the_content_changes():
    counter = Counter()

    assert render(key="a", counter=counter) == "render 1"
    assert render(key="a", counter=counter) == "render 1"
    assert render(key="b", counter=counter) == "render 2"

    pagecache.content_changed()

    assert render(key="a", counter=counter) == "render 3"


def test_a_missing_key_part_keeps_nothing():
    counter = Counter()

    assert render(counter=counter) == "render 1"
    assert render(counter=counter) == "render 2"
    assert render(key=None, counter=counter) == "render 3"


def test_an_optional_key_part_is_made_explicit_with_default():
    template = Template(
        '{% load fragments %}{% fragment "test" key|default:"" %}'
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
