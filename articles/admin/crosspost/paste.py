"""The paste form: the original's address, its author and date, and the piece as copied."""

from django import forms
from django.contrib.admin.widgets import AdminDateWidget, AutocompleteSelect
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html

from articles.crosspost import credits, importing, origins
from articles.crosspost.cleaning import CleanedPiece, clean_paste
from articles.models import Article, Author, Byline, WebURLFormField
from articles.workflow import roles
from newsroom.dates import display_date
from newsroom.nesting import MAX_NESTING, is_nested_too_deep
from newsroom.text import OneLineField


def duplicate_origin_error(article: Article, *, user) -> ValidationError:
    """Refuse an original that is already re-published, pointing to the article that has it if
    `user` may open it; anyone else learns only that it exists (a draft's headline can be news
    in itself)."""
    if not roles.visible_in_admin(user, Article.objects.filter(pk=article.pk)).exists():
        return ValidationError(
            "This original is already re-published by the newsroom, in a piece you cannot "
            "open. Ask an editor about it.",
            code="duplicate_origin",
        )
    return ValidationError(
        format_html(
            'This original is already re-published as “<a href="{}">{}</a>”. Edit that '
            "article instead.",
            reverse("admin:articles_article_change", args=[article.pk]),
            article.headline,
        ),
        code="duplicate_origin",
    )


class AuthorSelect(AutocompleteSelect):
    """The author picker, showing a forged choice that is not an id as no choice at all (the
    stock widget looks it up to show it, and fails)."""

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [v for v in value if str(v).isdigit()], attr)


class CrossPostForm(forms.Form):
    origin_url = WebURLFormField(
        label="Original URL",
        max_length=500,
        validators=[importing.refuse_short_link],
        help_text="Where the piece first appeared, e.g. https://www.linkedin.com/pulse/…. "
        "Tracking parameters are removed.",
    )
    author = forms.ModelChoiceField(
        queryset=Author.objects.all(),
        required=False,
        help_text="Choose the author if they are already in the newsroom…",
    )
    new_author_name = OneLineField(
        label="…or add a new author: name", max_length=120, required=False
    )
    new_author_role = OneLineField(
        label="Role", max_length=120, required=False, help_text="E.g. Co-CEO."
    )
    new_author_organisation = OneLineField(label="Organisation", max_length=120, required=False)
    new_author_linkedin = WebURLFormField(label="LinkedIn profile", max_length=300, required=False)
    origin_published_on = forms.DateField(
        label="First published there on",
        required=False,
        widget=AdminDateWidget,
        validators=[credits.refuse_future_date],
    )
    headline = OneLineField(
        max_length=200,
        required=False,
        help_text="Left empty, the first line of the piece is used. A leading “Op-ed:” sets the "
        "kind.",
    )
    introduction = forms.CharField(
        label="Editor's introduction",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="A few sentences by the newsroom about the piece and its author. Blank lines "
        "separate paragraphs.",
    )
    pasted = forms.CharField(
        label="The piece",
        required=False,
        widget=forms.Textarea(attrs={"rows": 16, "class": "vLargeTextField paste-area"}),
        help_text="Select the piece in the browser, copy it and paste it here, from the headline "
        "to the last paragraph. Formatting is kept when the browser offers it; the author's "
        "card, likes, comments, “See more” and hashtags at the end are taken out, and the next "
        "page shows you all of it before the draft is made.",
    )
    pasted_html = forms.CharField(required=False, widget=forms.HiddenInput)
    # The check step's edits on the way back to it (`edits`), signed.
    check_edits = forms.CharField(required=False, widget=forms.HiddenInput)

    fieldsets = [
        (None, {"fields": ["origin_url", "origin_published_on"]}),
        (
            "Author",
            {
                "fields": [
                    "author",
                    "new_author_name",
                    "new_author_role",
                    "new_author_organisation",
                    "new_author_linkedin",
                ]
            },
        ),
        (
            "The piece",
            {"fields": ["headline", "introduction", "pasted", "pasted_html", "check_edits"]},
        ),
    ]

    class Media:
        js = ["js/paste-html.js"]

    def __init__(self, *args, admin_site, user, can_add_author: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.can_add_author = can_add_author
        if not can_add_author:
            for name in list(self.fields):
                if name.startswith("new_author_"):
                    del self.fields[name]
            self.fields["author"].required = True
            self.fields["author"].help_text = "Choose the author."
            self.fieldsets = [
                (title, {"fields": [f for f in spec["fields"] if f in self.fields]})
                for title, spec in self.fieldsets
            ]
        author = self.fields["author"]
        author.widget = AuthorSelect(Byline._meta.get_field("author"), admin_site)
        author.widget.choices = author.choices
        author.widget.is_required = author.required

    def clean_origin_url(self):
        url = origins.clean_url(self.cleaned_data["origin_url"])
        try:
            importing.refuse_duplicate(url)
        except importing.DuplicateOrigin as duplicate:
            raise duplicate_origin_error(duplicate.article, user=self.user) from None
        return url

    def clean_new_author_name(self):
        name = " ".join(self.cleaned_data.get("new_author_name", "").split())
        if name and (existing := Author.objects.filter(name__iexact=name).first()):
            raise ValidationError(
                "%(name)s is already an author: choose them above instead.",
                params={"name": existing.name},
            )
        return name

    def clean(self):
        data = super().clean()
        author, new_name = data.get("author"), data.get("new_author_name")
        if "author" in self.errors or "new_author_name" in self.errors:
            pass
        elif author and new_name:
            self.add_error("new_author_name", "Choose an author or add a new one, not both.")
        elif not author and not new_name and self.can_add_author:
            self.add_error("author", "Choose the author, or add a new one below.")
        if not (data.get("pasted") or "").strip() and not (data.get("pasted_html") or "").strip():
            self.add_error("pasted", "Paste the piece: its text is what the draft is made of.")
            return data
        if is_nested_too_deep(data.get("pasted_html")):
            self.refuse_deep_formatting()
            return data
        piece = self.cleaned_piece
        if not piece.body and not piece.headline:
            self.add_error(
                "pasted",
                "Nothing of the piece was left after cleaning. Paste the text of the piece "
                "itself, not only the page around it.",
            )
        self.refuse_future_date_found(piece, data)
        return data

    def refuse_deep_formatting(self) -> None:
        """Refuse a paste's formatting nested too deep for the sanitiser (`newsroom.nesting`),
        and leave it out of the form shown again: sent again, it is its plain text."""
        self.add_error(
            "pasted",
            ValidationError(
                "The piece's formatting is nested more than %(limit)s levels deep (elements "
                "inside elements), deeper than any browser shows a page. Its plain text is kept "
                "below: send the form again to use it, or simplify the original and paste it "
                "again.",
                params={"limit": MAX_NESTING},
                code="nested_too_deep",
            ),
        )
        self.data = self.data.copy()
        self.data["pasted_html"] = ""

    def refuse_future_date_found(self, piece: CleanedPiece, data: dict) -> None:
        """Refuse here, on the date field, a first-published date read from the paste that
        the draft could not take (after tomorrow), unless one is given on the form."""
        found = piece.published_on
        if not found or data.get("origin_published_on") or "origin_published_on" in self.errors:
            return
        try:
            credits.refuse_future_date(found)
        except ValidationError:
            self.add_error(
                "origin_published_on",
                ValidationError(
                    "The paste gives %(day)s as the day the piece first appeared, which has "
                    "not come yet: give the date it first appeared here, tomorrow at the latest.",
                    params={"day": display_date(found)},
                    code="future_date",
                ),
            )

    @cached_property
    def author_names(self) -> list[str]:
        author = self.cleaned_data.get("author")
        return [name for name in (author.name if author else "", self.new_name) if name]

    @property
    def new_name(self) -> str:
        return self.cleaned_data.get("new_author_name", "")

    @cached_property
    def cleaned_piece(self) -> CleanedPiece:
        return clean_paste(
            html=self.cleaned_data.get("pasted_html") or "",
            text=self.cleaned_data.get("pasted") or "",
            base_url=self.cleaned_data.get("origin_url") or "",
            author_names=self.author_names,
            headline=self.cleaned_data.get("headline") or "",
        )

    def piece(self) -> importing.Piece:
        cleaned = self.cleaned_piece
        data = self.cleaned_data
        return importing.Piece(
            headline=cleaned.headline,
            body=cleaned.body,
            kind=cleaned.kind or Article.Kind.OP_ED,
            dek=cleaned.dek,
            introduction=importing.text_to_html(data["introduction"]),
            warnings=[importing.WarningDetails.from_found(cleaned.warning)]
            if cleaned.warning
            else [],
            origin_url=data["origin_url"],
            origin_published_on=data["origin_published_on"] or cleaned.published_on,
            indexing=Article.Indexing.ORIGIN,
        )

    def chosen_author(self) -> Author:
        if self.cleaned_data.get("author"):
            return self.cleaned_data["author"]
        details = importing.AuthorDetails(
            name=self.new_name,
            role=self.cleaned_data.get("new_author_role", ""),
            organisation=self.cleaned_data.get("new_author_organisation", ""),
            linkedin_url=self.cleaned_data.get("new_author_linkedin", ""),
        )
        return importing.author_for(details)[0]
