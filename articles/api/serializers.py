"""What an article, an author and a topic look like in the API.

Each value comes from the code the pages and feeds use: `canonical` is the page's `<link
rel="canonical">` (`page_indexing`), `origin` its JSON-LD `isBasedOn` (`based_on`), `body_html`
the feeds' full text (`full_text`), dates as the page's `<time datetime>` and JSON-LD write them.
Serializers read what the views loaded beforehand (bylines, warnings, tags): no query per item.
The context holds the `request` and the site's name (`site_name`, for pieces held back).
"""

from django.urls import reverse
from django.utils.http import urlencode
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from articles.feeds.entries import full_text
from articles.models import Article, ArticleKind, Author, WarningKind
from articles.seo.indexing import page_indexing
from articles.seo.structured_data import based_on, headshot
from newsroom.addresses import address
from newsroom.dates import isodatetime
from newsroom.photos.renditions import AbsoluteImage


def absolute(context: dict, location: str) -> str:
    return context["request"].build_absolute_uri(location)


def articles_of(context: dict, **filters: str) -> str:
    """The API's list of articles narrowed by `filters`, as an absolute URL."""
    return absolute(context, f"{reverse('api:articles')}?{urlencode(filters)}")


class KindSerializer(serializers.Serializer):
    value = serializers.ChoiceField(choices=ArticleKind.choices)
    label = serializers.CharField(help_text="Shown before the headline: “Op-ed: …”.")


class TopicSerializer(serializers.Serializer):
    name = serializers.CharField()
    slug = serializers.CharField()
    url = serializers.SerializerMethodField(help_text="The topic's page.")
    articles = serializers.SerializerMethodField(help_text="Its articles in this API.")

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, tag) -> str:
        return absolute(self.context, address("articles:tag", tag.slug))

    @extend_schema_field(OpenApiTypes.URI)
    def get_articles(self, tag) -> str:
        return articles_of(self.context, tag=tag.slug)


class BylineSerializer(serializers.Serializer):
    name = serializers.CharField(source="author.name")
    slug = serializers.CharField(source="author.slug")
    title = serializers.CharField(
        source="title_line", help_text="Role and organisation as printed on this piece."
    )
    url = serializers.SerializerMethodField(help_text="The author's page.")

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, byline) -> str:
        return absolute(self.context, byline.author.get_absolute_url())


class WarningSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=WarningKind.choices)
    text = serializers.CharField(help_text="Completes “(Warning: …)”.")
    subject = serializers.CharField(help_text="For spoilers: the show, book or film; or empty.")


# The page of a piece held behind its warning shows its picture and caption only once the
# reader opens the text; the API holds back what describes the picture, as it does the text
# (`Article.picture_words`, as link previews do).
HELD_BACK = "for a piece held behind its warning, whose page shows it only once opened"


class ImageSerializer(serializers.Serializer):
    url = serializers.URLField()
    width = serializers.IntegerField(allow_null=True)
    height = serializers.IntegerField(allow_null=True)
    alt = serializers.CharField(help_text=f"Empty {HELD_BACK}.")
    caption = serializers.CharField(help_text=f"Empty {HELD_BACK}.")
    credit = serializers.CharField()


class PictureSerializer(serializers.Serializer):
    url = serializers.URLField()
    width = serializers.IntegerField(allow_null=True)
    height = serializers.IntegerField(allow_null=True)


class OriginSerializer(serializers.Serializer):
    url = serializers.URLField(help_text="Where the piece first appeared.")
    platform = serializers.CharField(allow_null=True, help_text="E.g. LinkedIn, Medium.")
    author = serializers.CharField(allow_null=True, help_text="Whom the original credits.")
    published_on = serializers.DateField(allow_null=True)


class ArticleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.SerializerMethodField(help_text="The article's page.")
    slug = serializers.CharField()
    kind = serializers.SerializerMethodField()
    headline = serializers.CharField()
    dek = serializers.CharField(help_text="One-sentence summary; may be empty.")
    published_at = serializers.SerializerMethodField()
    updated_at = serializers.SerializerMethodField(
        help_text="The latest correction or update note, else the publication time: the "
        "page's “Updated” and its JSON-LD `dateModified`."
    )
    authors = BylineSerializer(many=True, source="ordered_bylines")
    tags = serializers.SerializerMethodField()
    warnings = WarningSerializer(many=True, source="ordered_warnings")
    image = serializers.SerializerMethodField()
    held_behind_warning = serializers.BooleanField(
        source="holds_text_back",
        help_text="Readers see the warning first: `body_html` then holds only the warning and "
        "a link to the page.",
    )
    body_html = serializers.SerializerMethodField(
        help_text="The piece as the feeds carry it: warnings, introduction, text with spoiler "
        "passages replaced by “[spoiler]”, the credit line of a cross-post; links absolute."
    )
    canonical = serializers.SerializerMethodField(
        help_text="The page's `<link rel=canonical>`: the original for a cross-post that "
        "defers to it, else the page itself."
    )
    origin = serializers.SerializerMethodField(
        help_text="The original of a cross-post, as the page's JSON-LD `isBasedOn`; or null."
    )

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, article: Article) -> str:
        return absolute(self.context, article.get_absolute_url())

    @extend_schema_field(KindSerializer)
    def get_kind(self, article: Article) -> dict:
        return {"value": article.kind, "label": article.kind_label}

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_published_at(self, article: Article) -> str:
        return isodatetime(article.published_at)

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_updated_at(self, article: Article) -> str:
        return isodatetime(article.date_modified)

    @extend_schema_field(TopicSerializer(many=True))
    def get_tags(self, article: Article) -> list:
        tags = sorted(article.ordered_topics, key=lambda tag: tag.name.lower())
        return TopicSerializer(tags, many=True, context=self.context).data

    @extend_schema_field(ImageSerializer(allow_null=True))
    def get_image(self, article: Article) -> dict | None:
        image = article.image
        found = image.absolute(self.context["request"], image.feed_image)
        if found is None:
            return None
        words = article.picture_words
        return picture(found) | {
            "alt": words.alt,
            "caption": words.caption,
            "credit": article.featured_image_credit,
        }

    @extend_schema_field(OpenApiTypes.STR)
    def get_body_html(self, article: Article) -> str:
        url = self.get_url(article)
        return full_text(article, url=url, site_name=self.context["site_name"])

    @extend_schema_field(OpenApiTypes.URI)
    def get_canonical(self, article: Article) -> str:
        return page_indexing(article, request=self.context["request"]).canonical_url

    @extend_schema_field(OriginSerializer(allow_null=True))
    def get_origin(self, article: Article) -> dict | None:
        page = page_indexing(article, request=self.context["request"])
        if not page.based_on_url:
            return None
        original = based_on(article, url=page.based_on_url)
        return {
            "url": original["url"],
            "platform": original.get("publisher", {}).get("name"),
            "author": original.get("author", {}).get("name"),
            "published_on": original.get("datePublished"),
        }


class AuthorSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    role = serializers.CharField(help_text="Current job title, e.g. Co-CEO; may be empty.")
    organisation = serializers.CharField()
    title = serializers.CharField(source="title_line", help_text="Role and organisation.")
    bio = serializers.CharField()
    url = serializers.SerializerMethodField(help_text="The author's page.")
    headshot = serializers.SerializerMethodField()
    linkedin_url = serializers.CharField(source="public_linkedin_url", help_text="May be empty.")
    website_url = serializers.CharField(source="public_website_url", help_text="May be empty.")
    articles = serializers.SerializerMethodField(help_text="Their articles in this API.")

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, author: Author) -> str:
        return absolute(self.context, author.get_absolute_url())

    @extend_schema_field(PictureSerializer(allow_null=True))
    def get_headshot(self, author: Author) -> dict | None:
        found = headshot(author, request=self.context["request"])
        return picture(found) if found is not None else None

    @extend_schema_field(OpenApiTypes.URI)
    def get_articles(self, author: Author) -> str:
        return articles_of(self.context, author=author.slug)


def picture(image: AbsoluteImage) -> dict:
    return {"url": image.url, "width": image.width, "height": image.height}
