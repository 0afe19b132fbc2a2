"""XMP's credits, kept as IPTC's are: the photographer's name (dc:creator) and job title, the
copyright notice, the caption, the credit line and the source, which journalists need to credit
a press photo. A packet that also names a place or tags the people in the picture keeps those
alone; one of nothing else is kept as it was."""

import pytest

from newsroom.photos.stripping import strip_location
from tests.newsroom.photos.test_iptc import app13, iim, iptc_of, jpeg_with_segments, resource
from tests.newsroom.photos.test_xmp_places_and_people import (
    NAMESPACES,
    gif_with,
    jpeg_with,
    packet,
    png_with,
    properties_of,
    uploaded_bytes,
    webp_with,
)

pytestmark = pytest.mark.django_db

MAKERS = {"jpg": jpeg_with, "png": png_with, "webp": webp_with, "gif": gif_with}

CREDITS = (
    "<dc:creator><rdf:Seq><rdf:li>Nadia Rahimi</rdf:li><rdf:li>Omar Haidari</rdf:li>"
    "</rdf:Seq></dc:creator>"
    '<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">© 2026 Northwind Wire</rdf:li>'
    '<rdf:li xml:lang="nb">© 2026 Northwind Wire, alle rettigheter</rdf:li></rdf:Alt></dc:rights>'
    '<dc:description><rdf:Alt><rdf:li xml:lang="x-default">Ferries at Aker &amp; the fjord'
    "</rdf:li></rdf:Alt></dc:description>"
    "<photoshop:Source>Northwind Wire / Nordic desk</photoshop:Source>"
)
CREDIT_ATTRIBUTES = (
    'photoshop:Credit="Photo: Northwind Wire" photoshop:AuthorsPosition="Staff photographer"'
)
KEPT = {
    "dc:creator": ["Nadia Rahimi", "Omar Haidari"],
    "dc:rights": ["© 2026 Northwind Wire", "© 2026 Northwind Wire, alle rettigheter"],
    "dc:description": ["Ferries at Aker & the fjord"],
    "photoshop:Source": ["Northwind Wire / Nordic desk"],
    "photoshop:Credit": ["Photo: Northwind Wire"],
    "photoshop:AuthorsPosition": ["Staff photographer"],
}
# People tagged in the picture: IPTC's person shown (and with details), the Metadata Working
# Group's face regions (Lightroom, digiKam, Picasa) and Windows Photo Gallery's.
PEOPLE_TAGGED = (
    "<Iptc4xmpExt:PersonInImage><rdf:Bag><rdf:li>Leila Ahmadi</rdf:li></rdf:Bag>"
    "</Iptc4xmpExt:PersonInImage>"
    '<Iptc4xmpExt:PersonInImageWDetails><rdf:Bag><rdf:li rdf:parseType="Resource">'
    '<Iptc4xmpExt:PersonName><rdf:Alt><rdf:li xml:lang="x-default">Karim Nouri</rdf:li>'
    "</rdf:Alt></Iptc4xmpExt:PersonName></rdf:li></rdf:Bag></Iptc4xmpExt:PersonInImageWDetails>"
    '<mwg-rs:Regions rdf:parseType="Resource"><mwg-rs:RegionList><rdf:Bag>'
    '<rdf:li rdf:parseType="Resource"><mwg-rs:Name>Sara Lind</mwg-rs:Name>'
    "<mwg-rs:Type>Face</mwg-rs:Type></rdf:li></rdf:Bag></mwg-rs:RegionList></mwg-rs:Regions>"
    '<MP:RegionInfo rdf:parseType="Resource"><MPRI:Regions><rdf:Bag>'
    '<rdf:li rdf:parseType="Resource"><MPReg:PersonDisplayName>Jon Berg</MPReg:PersonDisplayName>'
    "</rdf:li></rdf:Bag></MPRI:Regions></MP:RegionInfo>"
)
PEOPLE = [b"Leila Ahmadi", b"Karim Nouri", b"Sara Lind", b"Jon Berg"]
MORE_NAMESPACES = {
    "mwg-rs": "http://www.metadataworkinggroup.com/schemas/regions/",
    "MP": "http://ns.microsoft.com/photo/1.2/",
    "MPRI": "http://ns.microsoft.com/photo/1.2/t/RegionInfo#",
    "MPReg": "http://ns.microsoft.com/photo/1.2/t/Region#",
}


def with_more_namespaces(attributes: str, elements: str) -> bytes:
    return packet(attributes, elements, namespaces=NAMESPACES | MORE_NAMESPACES)


@pytest.mark.parametrize("extension", MAKERS)
def test_a_packet_of_the_credits_a_photographer_gives_is_kept_as_it_was(extension):
    data = MAKERS[extension](packet(CREDIT_ATTRIBUTES, CREDITS))

    assert strip_location(data) is None
    assert uploaded_bytes(f"harbour.{extension}", data) == data


@pytest.mark.parametrize("extension", MAKERS)
def test_a_packet_naming_the_place_keeps_its_credits_and_nothing_else(extension):
    telling = (
        '<photoshop:City>Oslo</photoshop:City><Iptc4xmpCore:CreatorContactInfo rdf:parseType="'
        'Resource"><Iptc4xmpCore:CiEmailWork>nadia@example.org</Iptc4xmpCore:CiEmailWork>'
        "</Iptc4xmpCore:CreatorContactInfo>"
    )
    xmp = packet(f'xmp:CreatorTool="Darkroom 4.2" {CREDIT_ATTRIBUTES}', telling + CREDITS)

    kept = uploaded_bytes(f"harbour.{extension}", MAKERS[extension](xmp))

    assert properties_of(kept) == KEPT
    for gone in (b"Oslo", b"nadia@example.org", b"Darkroom"):
        assert gone not in kept
    assert strip_location(kept) is None, "what is kept tells nothing"


@pytest.mark.parametrize("extension", MAKERS)
def test_the_people_tagged_in_the_picture_are_not_kept_but_a_caption_naming_them_is(extension):
    """A caption is written to be printed; a person tag may be a face recognised by a tool."""
    caption = (
        '<dc:description><rdf:Alt><rdf:li xml:lang="x-default">Leila Ahmadi at the pier'
        "</rdf:li></rdf:Alt></dc:description>"
    )
    xmp = with_more_namespaces(CREDIT_ATTRIBUTES, PEOPLE_TAGGED + caption)

    kept = uploaded_bytes(f"harbour.{extension}", MAKERS[extension](xmp))

    for name in PEOPLE[1:]:
        assert name not in kept
    assert properties_of(kept) == {
        "photoshop:Credit": ["Photo: Northwind Wire"],
        "photoshop:AuthorsPosition": ["Staff photographer"],
        "dc:description": ["Leila Ahmadi at the pier"],
    }


def test_credits_nested_in_another_structure_are_not_taken_for_the_pictures():
    """A placed image's own packet (xmpMM:Pantry) names its photographer, not this one's."""
    nested = (
        "<xmpMM:Pantry><rdf:Bag><rdf:li rdf:parseType='Resource'><dc:creator><rdf:Seq>"
        "<rdf:li>Someone Else</rdf:li></rdf:Seq></dc:creator></rdf:li></rdf:Bag></xmpMM:Pantry>"
    )
    namespaces = {"xmpMM": "http://ns.adobe.com/xap/1.0/mm/"}
    xmp = packet(
        'photoshop:City="Oslo" photoshop:Credit="Photo: Northwind Wire"',
        nested,
        namespaces=NAMESPACES | namespaces,
    )

    kept = uploaded_bytes("harbour.jpg", jpeg_with(xmp))

    assert properties_of(kept) == {"photoshop:Credit": ["Photo: Northwind Wire"]}
    assert b"Someone Else" not in kept


def test_a_jpeg_keeps_the_same_credits_in_iptc_and_in_xmp():
    with_xmp = jpeg_with(
        packet(CREDIT_ATTRIBUTES, "<photoshop:City>Herat</photoshop:City>" + CREDITS)
    )
    xmp_segment = with_xmp[2 : 4 + int.from_bytes(with_xmp[4:6], "big")]
    data = jpeg_with_segments(xmp_segment, app13(resource(0x0404, iim())))

    kept = uploaded_bytes("harbour.jpg", data)

    assert b"Herat" not in kept
    assert iptc_of(kept)[(2, 80)] == "Nádia Rahimi".encode()
    assert properties_of(kept)["dc:creator"] == ["Nadia Rahimi", "Omar Haidari"]
    assert properties_of(kept)["photoshop:AuthorsPosition"] == ["Staff photographer"]
    assert iptc_of(kept)[(2, 85)] == b"Staff photographer"
