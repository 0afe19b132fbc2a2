"""Addresses at domains in other alphabets: a reader whose address is at a German domain with
ß or a Greek one ending in ς expects to subscribe like anyone else, not to be told their own
domain holds letters that only look like letters.

Registries have given out such names under IDNA 2008 since 2010: `straße.de` is
`xn--strae-oqa.de`, a domain of its own, not `strasse.de` (which IDNA 2003, Python's built-in
codec, would fold it into); every Greek word ending in s ends in ς.
"""

import pytest

from articles.models import Subscriber

pytestmark = pytest.mark.django_db

DOMAINS = {
    "german-sharp-s": ("leser@straße.de", "leser@xn--strae-oqa.de"),
    "greek-final-sigma": ("anagnostis@ελληνικός.gr", "anagnostis@xn--qxaegecap6byf.gr"),
}


@pytest.mark.parametrize(("typed", "stored"), DOMAINS.values(), ids=DOMAINS.keys())
def test_an_address_at_a_domain_with_a_letter_of_its_own_alphabet_is_taken(
    client, mailbox, typed, stored
):
    response = client.post(
        "/news/alerts/",
        {"email": typed, "everything": "on", "frequency": "instant"},
        HTTP_SEC_FETCH_SITE="same-origin",
    )

    assert "only look like letters" not in response.content.decode()
    assert response.status_code == 303
    assert list(Subscriber.objects.values_list("email", flat=True)) == [stored]
    [confirmation] = mailbox.to(stored)
    assert confirmation.subject.startswith("Confirm your email alerts")
