"""The check step: what the draft will hold, shown before it is made.

After a paste, the page shows the headline, slug, kind, summary, the warning with its kind and
subject, the first and last paragraphs, and every line taken out of the paste (the author's card,
reactions, the platform's page after the piece, hashtags), each field editable and each line
ready to be put back. "Make the draft" saves it; "Change the paste" goes back with everything,
the check step's own edits too (`edits`), which come back when the paste is checked again;
the notes on those that no longer hold stay shown until the draft is made or the paste changed.

The paste form's data travels in a signed field: the check step validates and cleans it again
with the user's own permissions, and refuses data altered on the way or signed for someone else.
"""

from django import forms
from django.contrib.admin import helpers
from django.core import signing
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe

from articles.crosspost import importing
from articles.crosspost.cleaning import WHY, CleanedPiece, warning_kind
from articles.models import Article, ContentWarning, validate_article_slug
from articles.workflow import slugs
from newsroom.richtext import sanitize_html
from newsroom.text import OneLineField

from . import edits

TEMPLATE = "admin/articles/article/add_cross_post_check.html"
# Paragraphs shown from the top of the text, then the last one.
PREVIEW_PARAGRAPHS = 3
ALTERED = (
    "This check page was changed after it was made, so nothing was saved. Paste the piece again."
)


def sign_state(request, data: dict) -> str:
    return signing.dumps(data, salt=_salt(request), compress=True)


def read_state(request, token: str) -> dict:
    """The paste form's data signed into `token`; raises `signing.BadSignature` if altered."""
    data = signing.loads(token, salt=_salt(request))
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise signing.BadSignature("not a paste form's data")
    return data


def _salt(request) -> str:
    return f"articles.crosspost.check:{request.user.pk}"


class CheckForm(forms.Form):
    state = forms.CharField(widget=forms.HiddenInput)
    # The edits the paste form carried back, signed: the notes on those that no longer hold
    # are shown again when this page comes back with an error.
    check_edits = forms.CharField(widget=forms.HiddenInput, required=False)
    headline = OneLineField(max_length=200, widget=forms.TextInput(attrs={"class": "vTextField"}))
    slug = forms.SlugField(
        max_length=200,
        required=False,
        validators=[validate_article_slug],
        help_text="The draft's address. Left as shown (or empty), it is made from the headline "
        "and follows it until you change it or the piece is published.",
    )
    kind = forms.ChoiceField(choices=Article.Kind.choices)
    dek = OneLineField(
        label="Summary (dek)",
        max_length=300,
        required=False,
        help_text="One sentence under the headline on cards and in link previews.",
    )
    warning_kind = forms.ChoiceField(
        label="Kind of warning",
        choices=[("", "No warning"), *ContentWarning.Kind.choices],
        required=False,
    )
    warning_text = OneLineField(
        label="Warning text",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"class": "vTextField"}),
        help_text="Completes “(Warning: …)”, e.g. “contains spoilers for season one”.",
    )
    warning_subject = OneLineField(
        label="Spoils",
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"class": "vTextField"}),
        help_text="The show, film or book it spoils: readers can hide pieces that spoil it.",
    )
    keep = forms.TypedMultipleChoiceField(
        label="Put back into the text",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    fieldsets = [
        ("The draft", {"fields": ["headline", "slug", "kind", "dek"]}),
        ("Warning", {"fields": ["warning_kind", "warning_text", "warning_subject"]}),
    ]

    def __init__(self, *args, piece: CleanedPiece, **kwargs):
        super().__init__(*args, **kwargs)
        self.piece = piece
        self.fields["keep"].choices = [
            (number, line.text) for number, line in enumerate(piece.removed) if line.html
        ]
        warning = piece.warning
        self.initial = {
            "headline": piece.headline,
            "slug": slugs.unique_slug(piece.headline, model=Article) if piece.headline else "",
            "kind": piece.kind or Article.Kind.OP_ED,
            "dek": piece.dek,
            "warning_kind": warning.kind if warning else "",
            "warning_text": warning.text if warning else "",
            "warning_subject": warning.subject if warning else "",
            **self.initial,
        }
        if warning and warning.subject_note:
            self.fields["warning_subject"].help_text = warning.subject_note

    def clean_headline(self):
        return " ".join(self.cleaned_data["headline"].split())

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if "slug" not in self.changed_data:
            return ""  # made from the headline when the draft is saved
        if slug and Article.objects.filter(slug=slug).exists():
            raise ValidationError(
                "Another article already has this address; choose another slug, or empty the "
                "field to make one from the headline."
            )
        return slug

    def clean(self):
        data = super().clean()
        text = " ".join((data.get("warning_text") or "").split())
        if data.get("warning_kind") and not text:
            self.add_error("warning_text", "Give the warning's text, or choose “No warning”.")
        elif text and not data.get("warning_kind"):
            data["warning_kind"] = warning_kind(text)
        data["warning_text"] = text
        if "keep" in data and not self.body:
            self.add_error(
                "keep",
                "The text would be empty. Put back the lines that belong to the piece, or "
                "change the paste.",
            )
        return data

    @property
    def body(self) -> str:
        return self.piece.body_with(set(self.cleaned_data.get("keep") or ()))

    def warnings(self) -> list[importing.WarningDetails]:
        data = self.cleaned_data
        if not data["warning_text"]:
            return []
        details = importing.WarningDetails(
            data["warning_text"], kind=data["warning_kind"], subject=data["warning_subject"]
        )
        details.subject = data["warning_subject"].strip()  # as the editor left it
        return [details]


def removed_groups(form: CheckForm) -> list[dict]:
    """The lines taken out of the paste, grouped by why, each with its put-back checkbox."""
    boxes = {int(box.data["value"]): box for box in form["keep"]}
    groups: dict[str, list] = {}
    for number, line in enumerate(form.piece.removed):
        groups.setdefault(line.why, []).append({"text": line.text, "box": boxes.get(number)})
    return [{"title": WHY[why], "lines": groups[why]} for why in WHY if why in groups]


def preview(piece: CleanedPiece) -> dict:
    """The first paragraphs and the last one, as the draft will show them."""
    rendered = [mark_safe(sanitize_html(block.render())) for block in piece.blocks]  # noqa: S308
    rendered = [html for html in rendered if html]
    first = rendered[:PREVIEW_PARAGRAPHS]
    rest = rendered[PREVIEW_PARAGRAPHS:]
    return {"first": first, "last": rest[-1:], "skipped": max(len(rest) - 1, 0)}


def check_page(request, model_admin, paste_form, check_form=None):
    """The check step for a valid paste form (and the check form as posted, if it was), with
    the edits the paste form carries back from an earlier check step put back."""
    piece = paste_form.cleaned_piece
    if check_form is None:
        token = paste_form.cleaned_data.get("check_edits") or ""
        state = sign_state(request, _paste_data(paste_form))
        check_form = CheckForm(initial={"state": state, "check_edits": token}, piece=piece)
        carried = _carried_edits(request, token, check_form)
        check_form.initial.update(carried.initial)
    else:
        # Shown again: the fields keep what was posted, the notes are read again.
        carried = _carried_edits(request, check_form.data.get("check_edits", ""), check_form)
    admin_form = helpers.AdminForm(check_form, check_form.fieldsets, prepopulated_fields={})
    author = paste_form.cleaned_data.get("author")
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Check the piece before the draft is made",
        "opts": Article._meta,
        "adminform": admin_form,
        "form": check_form,
        "media": model_admin.media + admin_form.media,
        "has_view_permission": model_admin.has_view_permission(request),
        "preview": preview(piece),
        "notes": piece.notes,
        "removed": removed_groups(check_form),
        "origin_url": paste_form.cleaned_data["origin_url"],
        "author_name": author.name if author else paste_form.cleaned_data.get("new_author_name"),
        "origin_published_on": paste_form.cleaned_data.get("origin_published_on")
        or piece.published_on,
        "introduction": paste_form.cleaned_data.get("introduction", ""),
        "empty_text": not piece.body,
        "stale_edits": carried.stale,
    }
    return TemplateResponse(request, TEMPLATE, context)


def _carried_edits(request, token: str, check_form) -> edits.Carried:
    """The edits signed into `token` for the paste `check_form` offers (its `initial`)."""
    if not token:
        return edits.Carried()
    try:
        return edits.carry(edits.read_edits(request, token), check_form)
    except signing.BadSignature:
        return edits.Carried(stale=[edits.UNREADABLE])


def back_to_paste(request, paste_form, check_form) -> dict:
    """The paste form's data for going back from the check step as posted, carrying its edits."""
    data = _paste_data(paste_form)
    data["check_edits"] = edits.sign_edits(request, edits.edits_made(check_form))
    return data


def _paste_data(paste_form) -> dict:
    """What the paste form was given, without the edits it carries (they go back with
    `back_to_paste`, made afresh)."""
    return {
        name: paste_form.data.get(name, "")
        for name in paste_form.base_fields
        if name != "check_edits"
    }
