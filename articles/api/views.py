"""The API's endpoints. Every one starts from `Article.objects.published()`; lists and details
are reader pages of the page cache (see `urls`), saying what they show with `pagecache.shows`.

Each answer loads a fixed number of rows however many items it holds: the page, then the
bylines, warnings and tags of every article on it in one query each.
"""

from django.conf import settings
from django.db.models import Q
from django.http import HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from articles.api import parameters
from articles.api.pagination import ByKey, NewestFirst
from articles.api.serializers import ArticleSerializer, AuthorSerializer, TopicSerializer
from articles.cache_tags import (
    AUTHORS,
    NEWS,
    TOPICS,
    article_tag,
    article_tags,
    author_tag,
    kind_tag,
    tag_tag,
)
from articles.filters import moved_author, moved_topic, public_author, public_topic
from articles.models import SEARCH_FIELDS, Article, ArticleKind, prefetch_parts
from newsroom import former_addresses, pagecache
from newsroom.models import SITE_TAG, SiteSettings

PROBLEM = {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]}
REFUSED = {
    "type": "object",
    "description": "Each parameter that is wrong, with what is wrong with it.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}
TOO_MANY = OpenApiResponse(PROBLEM, "Over `API_RATE` for this client: see `Retry-After`.")
# Lists and details are reader pages of the page cache, with ETags.
CONDITIONAL = [
    OpenApiParameter(
        "If-None-Match",
        str,
        OpenApiParameter.HEADER,
        description="The `ETag` of an earlier answer: 304 while it is still current.",
    ),
    OpenApiParameter(
        "ETag",
        str,
        OpenApiParameter.HEADER,
        response=[200],
        description="Changes exactly when what the answer shows changes.",
    ),
]

ARTICLE_FILTERS = [
    OpenApiParameter("kind", str, enum=ArticleKind.values, description="Only this kind."),
    OpenApiParameter(
        "tag",
        parameters.TOPIC_SLUG_SCHEMA,
        description="Only articles on this topic (slug: letters and digits of any script, "
        "hyphens and underscores).",
    ),
    OpenApiParameter(
        "author",
        str,
        pattern=parameters.AUTHOR_SLUG_PATTERN,
        description="Only articles by this author (slug).",
    ),
    OpenApiParameter(
        "updated_since",
        OpenApiTypes.DATETIME,
        description="Only articles whose `updated_at` is at or after this ISO 8601 time "
        "(UTC when it has no offset).",
    ),
]


def documented(summary: str, description: str, ok, *, listing: bool, **extra):
    """The schema of a list (its parameters may be refused) or a detail (it may be missing)."""
    responses = {200: OpenApiResponse(ok, summary), 304: OpenApiResponse(None, "Not modified.")}
    if listing:
        responses[400] = OpenApiResponse(REFUSED, "A query parameter is wrong; each is named.")
    else:
        responses[404] = OpenApiResponse(PROBLEM, "Nothing public at this address.")
    responses |= {**extra.pop("responses", {}), 429: TOO_MANY}
    named = [*extra.pop("parameters", []), *CONDITIONAL]
    return extend_schema(
        summary=summary, description=description, responses=responses, parameters=named, **extra
    )


class PublicEndpoint:
    """What every endpoint shares: its query parameters read (a 400 naming each wrong one),
    GET, HEAD and OPTIONS only (405 otherwise).

    Every answer is tagged with the site, as every page is: retiring it retires everything.
    """

    http_method_names = ["get", "head", "options"]
    # The query parameters the endpoint reads, as `parameters.read` names them.
    reads: tuple[str, ...] = ()

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.given = parameters.read(request, self.reads)
        pagecache.shows(SITE_TAG)

    def get_serializer_context(self) -> dict:
        site_name = SiteSettings.current().site_name
        return {**super().get_serializer_context(), "site_name": site_name}

    def options(self, request, *args, **kwargs):
        # A browser's preflight, answered by `clients.CrossOriginMiddleware`'s headers.
        return Response(status=204)


def public_articles():
    return Article.objects.published().defer(*SEARCH_FIELDS)


@documented(
    "Published articles, newest first",
    "Every public article, or those of one kind, topic or author, or changed since a time; "
    "filters combine. Pages of `page_size` follow one another by their `next` links.",
    ArticleSerializer(many=True),
    listing=True,
    parameters=ARTICLE_FILTERS,
)
class ArticleList(PublicEndpoint, generics.ListAPIView):
    serializer_class = ArticleSerializer
    pagination_class = NewestFirst
    reads = parameters.ARTICLE_LIST

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular reading the view
            return Article.objects.none()
        articles, given, shown = public_articles(), self.given, []
        if "kind" in given:
            articles = articles.filter(kind=given["kind"])
            shown.append(kind_tag(given["kind"]))
        # A topic or author found only with public pieces, as on the index; one not found
        # shows nothing, and that answer is not kept (`list`).
        self.names_nothing = False
        if "tag" in given:
            topic = public_topic(given["tag"])
            articles = articles.tagged(topic) if topic else articles.none()
            shown.append(tag_tag(topic.pk) if topic else NEWS)
            self.names_nothing |= topic is None
        if "author" in given:
            author = public_author(given["author"])
            articles = articles.by_author(author) if author else articles.none()
            shown.append(author_tag(author.pk) if author else NEWS)
            self.names_nothing |= author is None
        if since := given.get("updated_since"):
            # `date_modified` is the later of the two; a note dated ahead counts once its time
            # comes.
            corrected = Q(corrected_at__gte=since, corrected_at__lte=timezone.now())
            articles = articles.filter(Q(published_at__gte=since) | corrected)
        pagecache.shows(*(shown or [NEWS]))
        return articles

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        prefetch_parts(page)
        pagecache.shows(*article_tags(article.pk for article in page))
        response = self.get_paginated_response(self.get_serializer(page, many=True).data)
        if self.names_nothing:  # any slug may be asked for: made-up ones fill no cache
            pagecache.not_kept(response)
        return response


@documented(
    "A published article",
    "Drafts, scheduled, embargoed and withdrawn pieces are not found. An address the article "
    "had before its slug changed redirects (301) to its present one.",
    ArticleSerializer,
    listing=False,
    responses={301: OpenApiResponse(None, "The article's present address, in `Location`.")},
)
class ArticleDetail(PublicEndpoint, generics.RetrieveAPIView):
    serializer_class = ArticleSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return public_articles()

    def retrieve(self, request, *args, **kwargs):
        slug = kwargs["slug"]
        article = self.get_queryset().filter(slug=slug).first()
        if article is None:
            moved = former_addresses.find_redirect(slug=slug, public=Article.objects.published())
            if moved is None:
                raise NotFound("No public article at this address.")
            return former_addresses.moved(request, reverse("api:article", args=[moved.slug]))
        prefetch_parts([article])
        pagecache.shows(article_tag(article.pk))
        return Response(self.get_serializer(article).data)


@documented(
    "Authors with published articles",
    "Everyone with a byline on a public article, in the order they were added.",
    AuthorSerializer(many=True),
    listing=True,
)
class AuthorList(PublicEndpoint, generics.ListAPIView):
    serializer_class = AuthorSerializer
    pagination_class = ByKey
    reads = parameters.PAGED_LIST

    def get_queryset(self):
        return Article.objects.published().authors()

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        # Who has a public piece changes with the archive; any author's edit may move them.
        pagecache.shows(NEWS, AUTHORS)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@documented(
    "An author with published articles",
    "An author with nothing published yet is not found, as their page is not. An address the "
    "author had before their slug changed redirects (301) to their present one.",
    AuthorSerializer,
    listing=False,
    responses={301: OpenApiResponse(None, "The author's present address, in `Location`.")},
)
class AuthorDetail(PublicEndpoint, generics.RetrieveAPIView):
    serializer_class = AuthorSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return Article.objects.published().authors()

    def retrieve(self, request, *args, **kwargs):
        slug = kwargs["slug"]
        author = self.get_queryset().filter(slug=slug).first()
        if author is None:
            if (moved := moved_author(slug)) is None:
                raise NotFound("No author with public articles has this address.")
            return former_addresses.moved(request, reverse("api:author", args=[moved.slug]))
        pagecache.shows(author_tag(author.pk))
        return Response(self.get_serializer(author).data)


@documented(
    "Topics of published articles",
    "Every tag a public article carries, in the order they were added.",
    TopicSerializer(many=True),
    listing=True,
)
class TopicList(PublicEndpoint, generics.ListAPIView):
    serializer_class = TopicSerializer
    pagination_class = ByKey
    reads = parameters.PAGED_LIST

    def get_queryset(self):
        return Article.objects.published().topics()

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        pagecache.shows(NEWS, TOPICS)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@documented(
    "A topic of published articles",
    "A tag no public article carries is not found. An address the topic had before its slug "
    "changed redirects (301) to its present one.",
    TopicSerializer,
    listing=False,
    responses={301: OpenApiResponse(None, "The topic's present address, in `Location`.")},
)
class TopicDetail(PublicEndpoint, generics.RetrieveAPIView):
    serializer_class = TopicSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return Article.objects.published().topics()

    def retrieve(self, request, *args, **kwargs):
        slug = kwargs["slug"]
        topic = self.get_queryset().filter(slug=slug).first()
        if topic is None:
            if (moved := moved_topic(slug)) is None:
                raise NotFound("No topic with public articles has this address.")
            return former_addresses.moved(request, reverse("api:tag", args=[moved.slug]))
        pagecache.shows(tag_tag(topic.pk))
        return Response(self.get_serializer(topic).data)


def keep_unwatched(request, response):
    """An answer no change to the newsroom alters (the root, the schema and its docs, an unknown
    address) is public for as long as browsers keep a reader page (`PAGE_MAX_AGE`), the edge
    too, as the site's 404 is; one to a request that writes is never kept."""
    if response.has_header("Cache-Control"):
        return response
    if request.method in ("GET", "HEAD"):
        patch_cache_control(response, public=True, max_age=settings.PAGE_MAX_AGE)
    else:
        patch_cache_control(response, no_store=True)
    return response


class Unwatched:
    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        return keep_unwatched(request, response)


@extend_schema(
    summary="Where everything is",
    description="The addresses of the lists, the OpenAPI document and the docs page.",
    responses={
        200: OpenApiResponse(
            {
                "type": "object",
                "properties": {
                    name: {"type": "string", "format": "uri"}
                    for name in ("articles", "authors", "tags", "schema", "docs")
                },
            },
            "The API's lists, its OpenAPI document and its documentation.",
        ),
        429: TOO_MANY,
    },
)
class ApiRoot(Unwatched, PublicEndpoint, APIView):
    def get(self, request):
        names = {"articles": "articles", "authors": "authors", "tags": "tags"}
        names |= {"schema": "schema", "docs": "docs"}
        return Response(
            {key: request.build_absolute_uri(reverse(f"api:{name}")) for key, name in names.items()}
        )


class NoSuchEndpoint(Unwatched, PublicEndpoint, APIView):
    """Any other address under /api/, by any method: a 404 in JSON, as the API's own are; an
    endpoint's address without its final slash redirects to it, as pages' do."""

    schema = None
    http_method_names = APIView.http_method_names

    def answer(self, request, *args, **kwargs):
        path = request.path_info
        if settings.APPEND_SLASH and not path.endswith("/"):
            try:
                found = resolve(f"{path}/")
            except Resolver404:
                found = None
            if found is not None and found.url_name != "not-found":
                return HttpResponsePermanentRedirect(request.get_full_path(force_append_slash=True))
        raise NotFound("No such endpoint: see /api/v1/docs/.")

    get = post = put = patch = delete = head = options = trace = answer
