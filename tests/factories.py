"""Factories for the tests: realistic objects with one line, overridable field by field."""

from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from articles.alerts import tokens
from articles.models import (
    Article,
    Author,
    Byline,
    ContentWarning,
    MediaKitItem,
    PressContact,
    Subscriber,
)
from articles.models.alerts import join_kinds
from newsroom.models import SitePage


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password("correct horse battery staple")


class StaffFactory(UserFactory):
    """A staff account in one of the editorial groups: `StaffFactory(group="Editors")`."""

    class Meta:
        skip_postgeneration_save = True

    is_staff = True
    first_name = factory.Sequence(lambda n: f"Staffer{n}")
    last_name = "Example"

    @factory.post_generation
    def group(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name=extracted or "Contributors"))


def make_editor():
    """The editor the tests sign in as; the `editor` fixture, and module-wide rows, use it."""
    return StaffFactory(username="edna", first_name="Edna", last_name="Editor", group="Editors")


def make_contributor():
    """The contributor the tests sign in as; the `contributor` fixture uses it too."""
    return StaffFactory(
        username="colin", first_name="Colin", last_name="Contributor", group="Contributors"
    )


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Author Number{n}")
    slug = factory.Sequence(lambda n: f"author-{n}")
    role = "Co-CEO"
    organisation = "Northwind Labs"
    bio = "Leads the company's work on public policy."
    linkedin_url = factory.LazyAttribute(
        lambda author: f"https://www.linkedin.com/in/{author.slug}/"
    )


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published news article with a date in the past; `authors=[…]` sets the bylines."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    kind = Article.Kind.NEWS
    headline = factory.Sequence(lambda n: f"Headline number {n}")
    slug = factory.Sequence(lambda n: f"headline-number-{n}")
    dek = "A one-sentence summary of the article."
    body = "<p>The first paragraph of the article.</p><p>The second paragraph.</p>"
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if not create:
            return
        authors = extracted if extracted is not None else [AuthorFactory()]
        for position, author in enumerate(authors):
            Byline.objects.create(article=self, author=author, position=position)

    @factory.post_generation
    def tag_names(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)

    @factory.post_generation
    def spoiler_warning(self, create, extracted, **kwargs):
        """`spoiler_warning="contains spoilers…"` adds one spoiler warning (`__subject` too)."""
        if create and extracted:
            ContentWarning.objects.create(
                article=self,
                kind=ContentWarning.Kind.SPOILERS,
                text=extracted,
                subject=kwargs.get("subject", ""),
            )


class SitePageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SitePage

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")
    body = "<p>About the company.</p>"
    status = SitePage.Status.PUBLISHED


class PressContactFactory(factory.django.DjangoModelFactory):
    """A media contact shown on every press release that names none of its own."""

    class Meta:
        model = PressContact

    name = factory.Sequence(lambda n: f"Press Officer{n}")
    slug = factory.Sequence(lambda n: f"press-officer-{n}")
    role = "Press officer"
    email = factory.LazyAttribute(lambda contact: f"{contact.slug}@northwind.example")
    phone = "+44 20 7946 0123"
    covers = "Product launches, Europe"


class SubscriberFactory(factory.django.DjangoModelFactory):
    """A confirmed reader of instant alerts about everything; `kinds=[…]`, `tags=[…]` and
    `authors=[…]` choose instead (with `everything=False`)."""

    class Meta:
        model = Subscriber
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"reader{n}@example.com")
    key = factory.LazyFunction(tokens.new_key)
    everything = True
    confirmed_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def kinds(self, create, extracted, **kwargs):
        if create and extracted:
            Subscriber.objects.filter(pk=self.pk).update(kinds=join_kinds(extracted))
            self.kinds = join_kinds(extracted)

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if create and extracted:
            self.authors.set(extracted)


class MediaKitItemFactory(factory.django.DjangoModelFactory):
    """A picture in the press room's own kit; `article=…` puts it in a release's kit,
    `document=…` (a PDF upload) makes it a document instead."""

    class Meta:
        model = MediaKitItem

    title = factory.Sequence(lambda n: f"Kit picture {n}")
    image = factory.django.ImageField(width=3000, height=2000, format="JPEG", color="teal")
    alt_text = "The new plant seen from the river at dawn"
    caption = "The Lisbon plant on its first day."
    credit = "Photo: Ana Costa / Zephyrcorp"
    usage_terms = "Free for editorial use with credit. Not for advertising."
