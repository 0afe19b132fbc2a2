"""The reader's forms: subscribing (an address and choices) and changing one's choices.

Tags and authors are offered by key, and only those with public pieces can be chosen, so a form
never names an author or topic whose pieces are not out yet. A form renders only the tags and
authors it was given (a page's own, or a subscriber's), never every one there is, and takes at
most `MAX_CHOSEN` of each before it asks the database anything.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from taggit.models import Tag

from articles.alerts.addresses import MAX_LENGTH, clean_address
from articles.alerts.subscribing import Choices
from articles.feeds.scope import KIND_PLURALS
from articles.models import Article, Author, Subscriber

MAX_CHOSEN = 50
CHOOSE_SOMETHING = "Choose what to get: everything, or at least one kind, topic or author."


# Keys are big integers: anything past them could name no row, and the database refuses it.
KEY_RANGE = range(1, 2**63)


def as_key(value) -> int | None:
    """`value` as a row's key, or None when it cannot be one."""
    try:
        key = int(getattr(value, "pk", value))
    except (TypeError, ValueError):
        return None
    return key if key in KEY_RANGE else None


class BoundedChoiceField(forms.ModelMultipleChoiceField):
    """Keys of rows, at most `MAX_CHOSEN` of them, checked in one query."""

    widget = forms.CheckboxSelectMultiple

    def clean(self, value):
        if value and len(value) > MAX_CHOSEN:
            raise ValidationError(f"Choose at most {MAX_CHOSEN}.", code="too_many")
        for item in value or ():
            if as_key(item) is None:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": str(item)[:20]},
                )
        return super().clean(value)


class TopicField(BoundedChoiceField):
    def label_from_instance(self, obj: Tag) -> str:
        return f"Pieces about {obj.name}"


class AuthorField(BoundedChoiceField):
    def label_from_instance(self, obj: Author) -> str:
        return f"Pieces by {obj.name}"


def public_tags():
    return Article.objects.published().topics()


def public_authors():
    return Article.objects.published().authors()


class ChoicesForm(forms.Form):
    everything = forms.BooleanField(required=False, label="Everything")
    kinds = forms.MultipleChoiceField(
        choices=list(KIND_PLURALS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Kinds of piece",
    )
    authors = AuthorField(queryset=Author.objects.none(), required=False, label="Authors")
    tags = TopicField(queryset=Tag.objects.none(), required=False, label="Topics")
    frequency = forms.ChoiceField(
        choices=Subscriber.Frequency.choices,
        initial=Subscriber.Frequency.INSTANT,
        widget=forms.RadioSelect,
        label="How often",
    )
    wants_corrections = forms.BooleanField(
        required=False, label="Also email me when a piece I follow is corrected"
    )

    def __init__(self, *args, shown_tags=(), shown_authors=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.offer("tags", public_tags(), shown_tags)
        self.offer("authors", public_authors(), shown_authors)

    def offer(self, name: str, public, shown) -> None:
        """Offer (and accept) the public rows named in the form's data or initial values, and
        `shown`, rows that are the reader's already, public or not."""
        named = public.filter(pk__in=self._named(name)).values("pk")
        mine = [row.pk for row in shown]
        self.fields[name].queryset = public.model.objects.filter(
            Q(pk__in=named) | Q(pk__in=mine)
        ).order_by("name")

    def _named(self, name: str) -> list[int]:
        if self.is_bound:
            values = (
                self.data.getlist(self.add_prefix(name)) if hasattr(self.data, "getlist") else []
            )
        else:
            values = self.initial.get(name) or []
        keys = (as_key(value) for value in list(values)[:MAX_CHOSEN])
        return [key for key in keys if key is not None]

    def clean(self):
        data = super().clean()
        if not (
            data.get("everything") or data.get("kinds") or data.get("tags") or data.get("authors")
        ):
            raise ValidationError(CHOOSE_SOMETHING, code="nothing_chosen")
        return data

    @property
    def choices(self) -> Choices:
        data = self.cleaned_data
        return Choices(
            everything=data["everything"],
            kinds=list(data["kinds"]),
            tags=list(data["tags"]),
            authors=list(data["authors"]),
            frequency=data["frequency"],
            wants_corrections=data["wants_corrections"],
        )


class AddressInput(forms.EmailInput):
    """Gives back no more of a refused value than an address can hold."""

    def format_value(self, value):
        value = super().format_value(value)
        return value[:MAX_LENGTH] if value else value


class SubscribeForm(ChoicesForm):
    email = forms.CharField(
        max_length=MAX_LENGTH,
        label="Email address",
        widget=AddressInput(attrs={"autocomplete": "email"}),
    )

    field_order = ["email"]

    def clean_email(self) -> str:
        return clean_address(self.cleaned_data["email"])


def initial_choices(query) -> dict:
    """A subscribe form's initial choices from a query string (`?tags=3&authors=5`)."""
    return {
        "everything": query.get("everything") == "on",
        "kinds": [kind for kind in query.getlist("kinds")[:MAX_CHOSEN] if kind in KIND_PLURALS],
        "tags": query.getlist("tags")[:MAX_CHOSEN],
        "authors": query.getlist("authors")[:MAX_CHOSEN],
        "frequency": query.get("frequency")
        if query.get("frequency") in Subscriber.Frequency.values
        else Subscriber.Frequency.INSTANT,
    }


def preferences_initial(subscriber: Subscriber, query) -> dict:
    """The preferences form as `subscriber` has it, with what `query` asks to add ticked."""
    adding = initial_choices(query)
    return {
        "everything": subscriber.everything or adding["everything"],
        "kinds": sorted({*subscriber.kind_list, *adding["kinds"]}),
        "tags": [*subscriber.tags.values_list("pk", flat=True), *adding["tags"]],
        "authors": [*subscriber.authors.values_list("pk", flat=True), *adding["authors"]],
        "frequency": subscriber.frequency,
        "wants_corrections": subscriber.wants_corrections,
    }
