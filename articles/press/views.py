"""What journalists reach: the press room at /press/, each press contact's vCard, and the media
kit's downloads, the press room's own and a public release's."""

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import SimpleLazyObject, cached_property
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from articles.cache_tags import PRESS_CONTACTS, PRESS_KIT, article_tag, contact_tag, kind_tag
from articles.cards import CARD_KEY_FIELDS, card_layouts, rendered_cards
from articles.feeds import FeedScope
from articles.models import SEARCH_FIELDS, Article, ArticleKind, MediaKitItem, PressContact
from articles.press.boilerplate import site_about
from articles.press.contacts import CONTACT_COLUMNS, room_contacts
from articles.press.downloads import (
    file_response,
    release_file_response,
    release_zip_response,
    zip_name,
    zip_response,
)
from articles.press.media_kit import room_items, room_kit
from articles.press.vcard import vcard_response
from articles.seo.structured_data import organization_json_ld
from articles.views.mixins import PageHeadMixin
from articles.workflow import links, roles
from newsroom import pagecache
from newsroom.addresses import address
from newsroom.compiled import CompiledLookup
from newsroom.models import SITE_TAG
from newsroom.social import SocialCard

RELEASE = ArticleKind.PRESS_RELEASE
LATEST_RELEASES = 6
CARD_HEADING_LEVEL = 3

# The newest public releases' card keys; a contact by the slug of their card. Each compiled once.
LATEST_RELEASE_KEYS = CompiledLookup(
    lambda: (
        Article.objects.published()
        .filter(kind=RELEASE)
        .order_by("-published_at", "-pk")
        .values_list(*CARD_KEY_FIELDS)[:LATEST_RELEASES]
    )
)
CONTACT_BY_SLUG = CompiledLookup(
    lambda slug: PressContact.objects.filter(slug=slug).values_list(*CONTACT_COLUMNS), "slug"
)


class PressRoomView(PageHeadMixin, TemplateView):
    """/press/: the newest press releases, whom to call, the media kit, the organisation's
    "About" paragraph and the releases' feed."""

    template_name = "press/room.html"

    @cached_property
    def releases(self) -> list[Article]:
        """The newest releases as cards: their keys kept until a release changes."""
        keys = pagecache.remember(
            "press:latest-releases", LATEST_RELEASE_KEYS.rows, tags=[kind_tag(RELEASE)]
        )
        return [Article.from_db(DEFAULT_DB_ALIAS, CARD_KEY_FIELDS, key) for key in keys]

    @cached_property
    def contacts(self) -> list[PressContact]:
        return room_contacts()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        releases, level = self.releases, CARD_HEADING_LEVEL
        context["articles"] = releases
        # Cards, contacts and the paragraph are read only when the page's fragment is made.
        context["cards"] = SimpleLazyObject(lambda: rendered_cards(releases, heading_level=level))
        context["card_list_key"] = " ".join(card_layouts(releases, heading_level=level))
        context["heading_level"] = level
        context["contacts"] = SimpleLazyObject(lambda: self.contacts)
        context["about"] = SimpleLazyObject(lambda: site_about(self.site_settings))
        context["kit"] = SimpleLazyObject(room_kit)
        context["all_releases_url"] = f"{address('articles:index')}?kind={RELEASE}"
        context["feed_scope"] = FeedScope(kind=RELEASE)
        context["cache_tags"] = [kind_tag(RELEASE), PRESS_CONTACTS, PRESS_KIT, SITE_TAG]
        pagecache.shows(*context["cache_tags"])
        context.update(self.head_context())
        return context

    def social_card(self) -> SocialCard:
        return SocialCard(
            title=f"Press room · {self.site_settings.site_name}",
            description=f"Press releases, media contacts and company information from "
            f"{settings.NEWSROOM_ORGANISATION}.",
            url=self.request.build_absolute_uri(address("press:room")),
        )

    def structured_data(self) -> list[dict]:
        return [
            organization_json_ld(
                request=self.request, site_settings=self.site_settings, contacts=self.contacts
            )
        ]


@require_safe
def contact_vcard(request, slug: str):
    """/press/contacts/<slug>.vcf: one press contact as a vCard download; 404 for anyone else."""
    found = CONTACT_BY_SLUG.rows(slug=slug)
    if not found:
        raise Http404("No press contact has this address.")
    contact = PressContact.from_db(DEFAULT_DB_ALIAS, CONTACT_COLUMNS, found[0])
    pagecache.shows(contact_tag(contact.pk))
    return vcard_response(contact, request=request)


@require_safe
def room_kit_file(request, pk: int, variant: str):
    """/press/media-kit/<pk>/<original|web>/: a file of the press room's own kit."""
    item = get_object_or_404(MediaKitItem, pk=pk, article=None)
    pagecache.shows(PRESS_KIT)
    return file_response(item, variant)


@require_safe
def room_kit_zip(request):
    """/press/media-kit.zip: the press room's own kit as one ZIP."""
    return zip_response(room_items(), name=zip_name(settings.NEWSROOM_ORGANISATION))


def release_for(request, slug: str) -> tuple[Article, bool]:
    """The release at `slug` if readers can see it; else, for its editors and authors signed
    in, the piece as they preview it, with True: their download is private. 404 for anyone
    else."""
    article = Article.objects.published().filter(slug=slug).only("id", "slug").first()
    if article is not None:
        return article, False
    user = request.user
    draft = None
    if user.is_staff:
        draft = Article.objects.defer(*SEARCH_FIELDS).filter(slug=slug).first()
    if draft is None or not roles.can_preview(user, draft):
        raise Http404("No public article at this address.")
    return draft, True


def _private(response, private: bool):
    return links.private(response) if private else response


@require_safe
def release_kit_file(request, slug: str, pk: int, variant: str):
    """/news/<slug>/media-kit/<pk>/<original|web>/: a file of a public release's kit."""
    article, private = release_for(request, slug)
    pagecache.shows(article_tag(article.pk))
    return _private(release_file_response(article.pk, pk, variant), private)


@require_safe
def release_kit_zip(request, slug: str):
    """/news/<slug>/media-kit.zip: a public release's whole kit as one ZIP."""
    article, private = release_for(request, slug)
    return _private(release_zip_response(article), private)
