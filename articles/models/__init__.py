"""The news section's models, one concern per module.

- `article`: `Article`; `choices`: its kinds (`ArticleKind`) and statuses (`ArticleStatus`);
  `reading`: what its pages show, derived from its fields (bylines in order, dates, meta);
  `stored`: how its row, read in part, is completed, and what a save compares with the stored
  row (`StoredRow`, `stored_columns`, `SAVED_STATE`).
- `origin`: `OriginRecord`, the cross-post fields `Article` inherits (where it first appeared).
- `queryset`: `ArticleQuerySet`, which alone decides what readers may see, and what pages
  load (`LISTING_DEFERRED`, `SEARCH_FIELDS`, `prefetch_cards`, `bylines_of`, `warnings_of`,
  `card_notes`).
- `authors`: `Author`, `AuthorRedirect` (an author's former addresses), and `Byline`, an
  author's credit on one article (`as_printed`: a byline line's order and joins).
- `notices`: what readers are told besides the text: `ContentWarning`, `Correction`.
- `press`: `PressContact`, someone journalists can call, and `ReleaseRecord`, the press-release
  fields `Article` inherits (its media contacts and "About" paragraph).
- `returns`: `ReturnRecord`, the fields `Article` inherits for its standing return to draft
  (the editor's note, who returned it and when; `RETURN_FIELDS`).
- `topics`: `TopicRedirect` (a topic's former addresses; the topics are taggit's `Tag`).
- `workflow`: editorial records: `SlugRedirect` (former addresses), `PreviewLink`.
- `embargo`: pre-access under embargo: `Journalist`, `PressAccess` (a journalist's link).
- `media_kit`: `MediaKitItem`, a picture or document journalists download, on a release or on
  /press/; `validate_pdf_file`.
- `desk`: `CalendarFeed`, a person's private address for the editorial calendar;
  `DraftBuffer`, an editor's autosaved, unsaved changes to one article.
- `alerts`: email alerts: `Subscriber` (a reader's address and choices) and `AlertDelivery`
  (one message to one of them, recorded so that a retry never sends it twice).
- `events`: `Event`, the outbox of what happened to public pieces, for alerts and webhooks.
- `webhooks`: `WebhookEndpoint`, a receiver editors registered, and `WebhookDelivery`, one
  event sent to one of them.
- `fields`: `WebURLField` (and its form field) and the validators the models share.

Code outside this package imports from `articles.models`, never from one of its modules, so
models can move between modules; landed migrations name `articles.models.WebURLField` and
`articles.models.validate_article_slug`.
"""

from articles.models.alerts import AlertDelivery, Subscriber
from articles.models.article import Article
from articles.models.authors import Author, AuthorRedirect, Byline, as_printed
from articles.models.choices import ArticleKind, ArticleStatus
from articles.models.desk import CalendarFeed, DraftBuffer
from articles.models.embargo import Journalist, PressAccess
from articles.models.events import Event, EventKind
from articles.models.fields import (
    HTTP_URL_MESSAGE,
    MAX_TAG_LENGTH,
    WebURLField,
    WebURLFormField,
    tag_name_problems,
    validate_article_slug,
    validate_http_url,
)
from articles.models.media_kit import MediaKitItem, kit_file_name, validate_pdf_file
from articles.models.notices import (
    ContentWarning,
    Correction,
    CorrectionKind,
    WarningKind,
    subject_slug,
)
from articles.models.press import PressContact, ReleaseRecord, dialling_number, validate_phone
from articles.models.queryset import (
    AUTHOR_COLUMNS,
    CARD_NOTES,
    LISTING_DEFERRED,
    PAGE_AUTHOR_COLUMNS,
    SEARCH_FIELDS,
    TOPIC_COLUMNS,
    ArticleQuerySet,
    article_content_type,
    byline_notes,
    bylines_of,
    card_notes,
    card_prefetches,
    prefetch_cards,
    prefetch_parts,
    prefetch_topics,
    public_now,
    read_byline_notes,
    read_card_notes,
    read_topic_notes,
    read_warning_notes,
    topic_notes,
    topics_of,
    warning_notes,
    warnings_of,
)
from articles.models.stored import SAVED_STATE, stored_columns
from articles.models.topics import TopicRedirect
from articles.models.webhooks import WebhookDelivery, WebhookEndpoint
from articles.models.workflow import DeletedVersion, PreviewLink, SlugRedirect

__all__ = [
    "AUTHOR_COLUMNS",
    "CARD_NOTES",
    "HTTP_URL_MESSAGE",
    "LISTING_DEFERRED",
    "MAX_TAG_LENGTH",
    "PAGE_AUTHOR_COLUMNS",
    "SAVED_STATE",
    "SEARCH_FIELDS",
    "TOPIC_COLUMNS",
    "AlertDelivery",
    "Article",
    "ArticleKind",
    "ArticleQuerySet",
    "ArticleStatus",
    "Author",
    "AuthorRedirect",
    "Byline",
    "CalendarFeed",
    "ContentWarning",
    "Correction",
    "CorrectionKind",
    "DeletedVersion",
    "DraftBuffer",
    "Event",
    "EventKind",
    "Journalist",
    "MediaKitItem",
    "PressAccess",
    "PressContact",
    "PreviewLink",
    "ReleaseRecord",
    "SlugRedirect",
    "Subscriber",
    "TopicRedirect",
    "WarningKind",
    "WebURLField",
    "WebURLFormField",
    "WebhookDelivery",
    "WebhookEndpoint",
    "article_content_type",
    "as_printed",
    "byline_notes",
    "bylines_of",
    "card_notes",
    "card_prefetches",
    "dialling_number",
    "kit_file_name",
    "prefetch_cards",
    "prefetch_parts",
    "prefetch_topics",
    "public_now",
    "read_byline_notes",
    "read_card_notes",
    "read_topic_notes",
    "read_warning_notes",
    "stored_columns",
    "subject_slug",
    "tag_name_problems",
    "topic_notes",
    "topics_of",
    "validate_article_slug",
    "validate_http_url",
    "validate_pdf_file",
    "validate_phone",
    "warning_notes",
    "warnings_of",
]
