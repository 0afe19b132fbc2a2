"""The check step's edits, carried back to the paste form and forward to the check step again.

Going back to the paste ("Change the paste", or a paste refused on "Make the draft") signs what
was changed on the check step into a hidden field of the paste form: each field edited, with
what the page offered for it, and the lines ticked to be put back. When the paste is checked
again, an edit comes back where the paste still offers what it offered then. Where the paste now
offers something else the edit is stale: the new paste's value is shown, and the page says what
had been typed so that it can be typed again.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.core import signing

FIELDS = ("headline", "slug", "kind", "dek", "warning_kind", "warning_text", "warning_subject")
WARNING = ("warning_kind", "warning_text", "warning_subject")
# Which offers an edit depends on, when not on its own field's alone: the warning's fields are
# one edit (a new text with the old kind would not fit), and a slug typed is an address chosen
# whatever the headline (it is checked again when the draft is made).
DEPENDS_ON = {"slug": (), **dict.fromkeys(WARNING, WARNING)}
UNREADABLE = (
    "The changes made on the check step could not be read back (the page was changed after it "
    "was made), so this page shows what the paste gives."
)


@dataclass
class Carried:
    """Edits to put back on the check step, and what the page says about those it could not."""

    initial: dict = field(default_factory=dict)
    stale: list[str] = field(default_factory=list)


def edits_made(check_form) -> dict:
    """What the check step as posted changed from what the paste offered ({} for nothing).

    `check_form` is bound to the post and built without carried edits, so its `initial` is the
    paste's own offer. Ticks that name no line that can be put back are ignored.
    """
    offered = {name: str(check_form.initial.get(name, "")) for name in FIELDS}
    edited = {
        name: check_form.data[name]
        for name in FIELDS
        if name in check_form.data and check_form.data[name] != offered[name]
    }
    lines = dict(check_form.fields["keep"].choices)
    kept = [
        lines[int(number)]
        for number in check_form.data.getlist("keep")
        if number.isdigit() and int(number) in lines
    ]
    if not edited and not kept:
        return {}
    return {"offered": offered, "edited": edited, "kept": kept}


def sign_edits(request, edits: dict) -> str:
    return signing.dumps(edits, salt=_salt(request), compress=True) if edits else ""


def read_edits(request, token: str) -> dict:
    """The edits signed into `token`; raises `signing.BadSignature` if it was altered."""
    edits = signing.loads(token, salt=_salt(request))
    if not (
        isinstance(edits, dict)
        and _strings(edits.get("offered"), FIELDS)
        and _strings(edits.get("edited"), FIELDS)
        and isinstance(edits.get("kept"), list)
        and all(isinstance(line, str) for line in edits["kept"])
    ):
        raise signing.BadSignature("not the check step's edits")
    return edits


def _strings(values, names) -> bool:
    return isinstance(values, dict) and all(
        name in names and isinstance(value, str) for name, value in values.items()
    )


def _salt(request) -> str:
    return f"articles.crosspost.check-edits:{request.user.pk}"


def carry(edits: dict, check_form) -> Carried:
    """The edits that still hold for the paste `check_form` shows, and notes on those that do
    not. `check_form` is unbound: its `initial` is what the paste offers now."""
    if not edits:
        return Carried()
    carried = Carried()
    now = {name: str(check_form.initial.get(name, "")) for name in FIELDS}
    offered, edited = edits["offered"], edits["edited"]
    for name, value in edited.items():
        if all(now[other] == offered.get(other, "") for other in DEPENDS_ON.get(name, (name,))):
            carried.initial[name] = value
        elif value != now[name]:
            carried.stale.append(
                f"{_label(check_form, name)}: you had “{_shown(check_form, name, value)}”; the "
                f"changed paste gives “{_shown(check_form, name, now[name])}”."
            )
    lines = check_form.fields["keep"].choices
    wanted = Counter(edits["kept"])
    carried.initial["keep"] = []
    for number, text in lines:
        if wanted[text]:
            wanted[text] -= 1
            carried.initial["keep"].append(number)
    carried.stale += [
        f"“{text}” was ticked to be put back, but the changed paste does not take it out."
        for text in wanted.elements()
    ]
    return carried


def _label(check_form, name: str) -> str:
    return str(check_form[name].label)


def _shown(check_form, name: str, value: str) -> str:
    """`value` as the field shows it: a choice by its label."""
    choices = dict(getattr(check_form.fields[name], "choices", ()))
    if value in choices:
        return str(choices[value])
    return value or "(empty)"
