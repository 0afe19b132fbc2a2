"""What journalists reach: the press room at /press/, and each press contact's vCard."""

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS
from django.http import Http404
from django.utils.functional import SimpleLazyObject, cached_property
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from articles.addresses import address
from articles.cache_tags import PRESS_CONTACTS, contact_tag, kind_tag
from articles.cards import CARD_KEY_FIELDS, card_layouts, rendered_cards
from articles.feeds import FeedScope
from articles.models import Article, ArticleKind, PressContact
from articles.press.boilerplate import site_about
from articles.press.contacts import CONTACT_COLUMNS, room_contacts
from articles.press.vcard import vcard_response
from articles.seo.structured_data import organization_json_ld
from articles.views.mixins import PageHeadMixin
from newsroom import pagecache
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
    """/press/: the newest press releases, whom to call, the organisation's "About" paragraph,
    the releases' feed and, once it exists, the media kit."""

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
        context["all_releases_url"] = f"{address('articles:index')}?kind={RELEASE}"
        context["feed_scope"] = FeedScope(kind=RELEASE)
        context["cache_tags"] = [kind_tag(RELEASE), PRESS_CONTACTS, SITE_TAG]
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
