"""XMP that names where a picture was taken or who took it: photo desks' tools (Lightroom,
Photo Mechanic, exiftool) write the city, country, the IPTC location structures, XMP's own GPS,
the photographer's name and their contact details into the packet, as attributes of
`rdf:Description` or as elements inside it, under whatever prefix they choose. A packet holding
any of them keeps only what credits the picture (see test_xmp_credits.py); one holding only what
editors rely on (the tool, the copyright notice, the credit line) is kept as it was."""

import io
from xml.etree import ElementTree

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, PngImagePlugin

from newsroom.photos.stripping import strip_location
from tests.factories import ArticleFactory
from tests.newsroom.photos.test_strip_image_metadata import as_uploaded_before, read, run

pytestmark = pytest.mark.django_db

XMP_HEADER = b"http://ns.adobe.com/xap/1.0/\x00"
NAMESPACES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "exif": "http://ns.adobe.com/exif/1.0/",
    "photoshop": "http://ns.adobe.com/photoshop/1.0/",
    "xmpRights": "http://ns.adobe.com/xap/1.0/rights/",
    "Iptc4xmpCore": "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/",
    "Iptc4xmpExt": "http://iptc.org/std/Iptc4xmpExt/2008-02-29/",
}
# Each property that names a place or a person, with a value found nowhere else in the file.
TELLING = [
    ("photoshop:City", "Oslo"),
    ("photoshop:State", "Viken"),
    ("photoshop:Country", "Norway"),
    ("Iptc4xmpCore:Location", "Aker Brygge"),
    ("Iptc4xmpCore:CountryCode", "NOR"),
    ("exif:GPSLatitude", "59,54.6N"),
    ("exif:GPSLongitude", "10,43.8E"),
    ("Iptc4xmpCore:CiAdrCity", "Bergen"),
    ("Iptc4xmpCore:CiEmailWork", "nadia@example.org"),
    ("Iptc4xmpCore:CiTelWork", "+47 400 00 000"),
]
# The structures and lists that hold them, only ever written as elements.
TELLING_ELEMENTS = [
    (
        "Iptc4xmpCore:CreatorContactInfo",
        '<Iptc4xmpCore:CreatorContactInfo rdf:parseType="Resource">'
        "<Iptc4xmpCore:CiAdrExtadr>Storgata 1</Iptc4xmpCore:CiAdrExtadr>"
        "</Iptc4xmpCore:CreatorContactInfo>",
        "Storgata 1",
    ),
    (
        "Iptc4xmpExt:LocationShown",
        '<Iptc4xmpExt:LocationShown><rdf:Bag><rdf:li rdf:parseType="Resource">'
        "<Iptc4xmpExt:Sublocation>Tjuvholmen</Iptc4xmpExt:Sublocation>"
        "</rdf:li></rdf:Bag></Iptc4xmpExt:LocationShown>",
        "Tjuvholmen",
    ),
    (
        "Iptc4xmpExt:LocationCreated",
        '<Iptc4xmpExt:LocationCreated><rdf:Bag><rdf:li rdf:parseType="Resource">'
        "<Iptc4xmpExt:WorldRegion>Scandinavia</Iptc4xmpExt:WorldRegion>"
        "</rdf:li></rdf:Bag></Iptc4xmpExt:LocationCreated>",
        "Scandinavia",
    ),
    (
        "Iptc4xmpExt:PersonInImage",
        "<Iptc4xmpExt:PersonInImage><rdf:Bag><rdf:li>Leila Ahmadi</rdf:li></rdf:Bag>"
        "</Iptc4xmpExt:PersonInImage>",
        "Leila Ahmadi",
    ),
]
HARMLESS = 'xmp:CreatorTool="Darkroom 4.2" photoshop:Credit="Photo: Northwind Labs"'
HARMLESS_ELEMENTS = (
    '<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">(c) Northwind Labs</rdf:li></rdf:Alt>'
    "</dc:rights>"
)
# What is left of a packet holding the harmless properties and a telling one: the credits.
CREDIT_LINE = {"photoshop:Credit": ["Photo: Northwind Labs"]}
HARMLESS_CREDITS = CREDIT_LINE | {"dc:rights": ["(c) Northwind Labs"]}


def packet(attributes: str = "", elements: str = "", namespaces=NAMESPACES) -> bytes:
    declarations = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in namespaces.items())
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF {declarations}>'
        f'<rdf:Description rdf:about="" {attributes}>{elements}</rdf:Description>'
        '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    ).encode()


def attribute_form(name: str, value: str) -> bytes:
    return packet(f'{name}="{value}" {HARMLESS}', HARMLESS_ELEMENTS)


def element_form(name: str, value: str) -> bytes:
    return packet(HARMLESS, f"<{name}>{value}</{name}>{HARMLESS_ELEMENTS}")


def jpeg_with(xmp: bytes) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), "steelblue").save(buffer, format="JPEG")
    jpeg = buffer.getvalue()
    body = XMP_HEADER + xmp
    return jpeg[:2] + b"\xff\xe1" + (len(body) + 2).to_bytes(2, "big") + body + jpeg[2:]


def png_with(xmp: bytes, *, compressed: bool = False) -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_itxt("XML:com.adobe.xmp", xmp.decode(), zip=compressed)
    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), "steelblue").save(buffer, format="PNG", pnginfo=info)
    return buffer.getvalue()


def webp_with(xmp: bytes) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), "steelblue").save(buffer, format="WEBP", xmp=xmp)
    return buffer.getvalue()


MAKERS = {"JPEG": (jpeg_with, "jpg"), "PNG": (png_with, "png"), "WEBP": (webp_with, "webp")}


def uploaded_bytes(name: str, data: bytes) -> bytes:
    """The stored original of `data` uploaded as a piece's featured image."""
    article = ArticleFactory(
        featured_image=SimpleUploadedFile(name, data), featured_image_alt="The harbour at dawn"
    )
    return read(article.featured_image.name)


def uploaded(image_format: str, xmp: bytes) -> bytes:
    make, extension = MAKERS[image_format]
    return uploaded_bytes(f"harbour.{extension}", make(xmp))


def xmp_of(data: bytes) -> bytes | str | None:
    if data.startswith(b"GIF"):  # Pillow does not read a GIF's packet
        start = data.find(b"\x21\xff\x0bXMP DataXMP")
        return None if start < 0 else data[start + 14 : data.index(GIF_XMP_TRAILER, start)]
    with Image.open(io.BytesIO(data)) as opened:
        opened.load()
        return opened.info.get("xmp") or opened.info.get("XML:com.adobe.xmp")


def properties_of(data: bytes) -> dict[str, list[str]]:
    """The properties of the packet a stored file holds, by prefixed name: each one's list
    items (or its value), in order."""
    xmp = xmp_of(data)
    if xmp is None:
        return {}
    xmp = xmp.encode() if isinstance(xmp, str) else xmp
    # A packet the site wrote, not a stranger's file.
    root = ElementTree.fromstring(xmp.split(b"?>", 1)[1].rsplit(b"<?xpacket", 1)[0])  # noqa: S314
    prefixes = {uri: prefix for prefix, uri in NAMESPACES.items()}

    def prefixed(name: str) -> str:
        uri, _, local = name[1:].partition("}")
        return f"{prefixes.get(uri, uri)}:{local}"

    found = {}
    for description in root.iter(f"{{{NAMESPACES['rdf']}}}Description"):
        for name, value in description.attrib.items():
            if not name.startswith(f"{{{NAMESPACES['rdf']}}}"):
                found[prefixed(name)] = [value]
        for element in description:
            items = element.iter(f"{{{NAMESPACES['rdf']}}}li")
            found[prefixed(element.tag)] = [item.text for item in items] or [element.text]
    return found


@pytest.mark.parametrize("image_format", MAKERS)
@pytest.mark.parametrize("form", [attribute_form, element_form])
@pytest.mark.parametrize(("name", "value"), TELLING)
def test_a_packet_naming_a_place_or_a_person_is_not_stored(image_format, form, name, value):
    xmp = form(name, value)
    assert xmp_of(MAKERS[image_format][0](xmp)), "the file made here carries its packet"

    kept = uploaded(image_format, xmp)

    assert value.encode() not in kept
    assert properties_of(kept) == HARMLESS_CREDITS
    assert b"Darkroom" not in kept, "nothing but the credits is kept"
    with Image.open(io.BytesIO(kept)) as opened:
        assert opened.size == (320, 200)


@pytest.mark.parametrize("image_format", MAKERS)
@pytest.mark.parametrize(("name", "element", "value"), TELLING_ELEMENTS)
def test_a_packet_holding_a_contact_a_location_or_a_person_shown_keeps_only_its_credits(
    image_format, name, element, value
):
    kept = uploaded(image_format, packet(HARMLESS, element))

    assert value.encode() not in kept
    assert properties_of(kept) == CREDIT_LINE


@pytest.mark.parametrize("image_format", MAKERS)
def test_a_place_under_a_prefix_of_the_tools_own_choosing_is_not_stored(image_format):
    """Prefixes are the writer's to choose: what a property means is its namespace's address."""
    namespaces = NAMESPACES | {"ps": NAMESPACES["photoshop"], "loc": NAMESPACES["Iptc4xmpExt"]}
    kept = uploaded(image_format, packet(f'ps:City="Oslo" {HARMLESS}', namespaces=namespaces))

    assert b"Oslo" not in kept
    assert properties_of(kept) == CREDIT_LINE


def test_a_city_in_a_compressed_png_packet_is_not_stored():
    xmp = attribute_form("photoshop:City", "Oslo")

    kept = uploaded_bytes("harbour.png", png_with(xmp, compressed=True))

    assert b"Oslo" not in kept
    assert properties_of(kept) == HARMLESS_CREDITS


@pytest.mark.parametrize("image_format", MAKERS)
def test_a_packet_of_only_the_tool_the_credit_and_the_rights_is_kept_as_it_was(image_format):
    """The copyright notice (kept in EXIF too) and the credit line are what a newsroom prints;
    a property named like a telling one in another namespace names nothing."""
    xmp = packet(
        f'{HARMLESS} xmp:City="Oslo"',
        f"{HARMLESS_ELEMENTS}<dc:description>Shot near photoshop:City limits</dc:description>",
    )
    data = MAKERS[image_format][0](xmp)

    assert strip_location(data) is None
    kept = uploaded(image_format, xmp)
    assert kept == data
    assert b"Photo: Northwind Labs" in kept
    assert b"(c) Northwind Labs" in kept


@pytest.mark.parametrize(
    "xmp",
    [
        b"<x:xmpmeta><rdf:RDF><rdf:Description photoshop:City='Oslo'/></rdf:RDF></x:xmpmeta>",
        packet(HARMLESS)[:-40],
        b'<!DOCTYPE x [<!ENTITY city "Oslo">]>' + packet("photoshop:Credit='&city;'"),
    ],
    ids=["undeclared prefixes", "cut short", "entities"],
)
def test_a_packet_that_cannot_be_read_is_not_stored(xmp):
    kept = uploaded("JPEG", xmp)

    assert xmp_of(kept) is None
    assert b"Oslo" not in kept


def test_extended_xmp_is_not_stored_as_it_cannot_be_read_alone():
    """A packet too long for one JPEG segment goes on in extension segments, each a piece of
    XML that cannot be read on its own."""
    piece = b"<photoshop:City>Oslo</photoshop:City>"
    body = b"http://ns.adobe.com/xmp/extension/\x00" + b"0" * 32 + (len(piece)).to_bytes(4, "big")
    body += (0).to_bytes(4, "big") + piece
    data = jpeg_with(packet(HARMLESS))
    data = data[:2] + b"\xff\xe1" + (len(body) + 2).to_bytes(2, "big") + body + data[2:]

    kept = uploaded_bytes("harbour.jpg", data)

    assert b"Oslo" not in kept
    assert b"Darkroom 4.2" in kept, "the main packet tells nothing and is kept"


def test_a_file_stored_before_places_and_people_were_removed_is_cleaned_by_the_command():
    article = ArticleFactory(
        featured_image=SimpleUploadedFile("harbour.jpg", jpeg_with(packet(HARMLESS))),
        featured_image_alt="The harbour at dawn",
    )
    name = article.featured_image.name
    as_uploaded_before(
        article.featured_image,
        jpeg_with(
            packet(HARMLESS, TELLING_ELEMENTS[0][1] + "<photoshop:City>Oslo</photoshop:City>")
        ),
    )

    first = run()
    second = run()

    assert first == [f"Cleaned {name}", "Checked 1 images: cleaned 1, missing 0, failed 0."]
    assert second == ["Checked 1 images: cleaned 0, missing 0, failed 0."]
    data = read(name)
    assert b"Oslo" not in data
    assert b"Storgata 1" not in data
    assert properties_of(data) == CREDIT_LINE


# A GIF's XMP is an application extension: "XMP DataXMP", the packet's bytes as they are, then
# a 258-byte trailer that makes a reader skipping sub-blocks land on the block's end.
GIF_XMP_TRAILER = b"\x01" + bytes(range(255, -1, -1)) + b"\x00"


def gif_with(xmp: bytes, *, frames: int = 1) -> bytes:
    buffer = io.BytesIO()
    colours = ["steelblue", "tomato", "gold"][:frames]
    pictures = [Image.new("RGB", (320, 200), colour) for colour in colours]
    pictures[0].save(buffer, format="GIF", save_all=True, append_images=pictures[1:])
    gif = buffer.getvalue()
    block = b"\x21\xff\x0bXMP DataXMP" + xmp + GIF_XMP_TRAILER
    after_colours = 13 + 3 * 2 ** ((gif[10] & 7) + 1) * (gif[10] >> 7)
    return gif[:after_colours] + block + gif[after_colours:]


def frames_of(data: bytes) -> int:
    with Image.open(io.BytesIO(data)) as opened:
        return opened.n_frames


@pytest.mark.parametrize("form", [attribute_form, element_form])
@pytest.mark.parametrize(("name", "value"), TELLING)
def test_a_gif_packet_naming_a_place_or_a_person_is_not_stored(form, name, value):
    data = gif_with(form(name, value), frames=3)
    assert value.encode() in data
    assert frames_of(data) == 3

    kept = uploaded_bytes("harbour.gif", data)

    assert value.encode() not in kept
    assert properties_of(kept) == HARMLESS_CREDITS
    assert b"Darkroom" not in kept, "nothing but the credits is kept"
    assert frames_of(kept) == 3, "an animation stays one"
    assert kept == strip_location(data)


def test_a_gif_packet_of_only_the_tool_the_credit_and_the_rights_is_kept_as_it_was():
    data = gif_with(packet(HARMLESS, HARMLESS_ELEMENTS), frames=2)

    assert strip_location(data) is None
    assert uploaded_bytes("harbour.gif", data) == data


@pytest.mark.parametrize(
    "data",
    [
        gif_with(attribute_form("photoshop:City", "Oslo"))[:-1],
        gif_with(attribute_form("photoshop:City", "Oslo")) + b"trailing Oslo",
    ],
    ids=["no trailer", "bytes after the trailer"],
)
def test_a_gif_laid_out_oddly_keeps_no_packet_naming_a_place(data):
    kept = uploaded_bytes("harbour.gif", data)

    assert b"Oslo" not in kept
    with Image.open(io.BytesIO(kept)) as opened:
        assert opened.size == (320, 200)


def test_a_gif_stored_before_places_were_removed_is_cleaned_by_the_command():
    article = ArticleFactory(
        featured_image=SimpleUploadedFile("harbour.gif", gif_with(packet(HARMLESS))),
        featured_image_alt="The harbour at dawn",
    )
    name = article.featured_image.name
    as_uploaded_before(article.featured_image, gif_with(attribute_form("photoshop:City", "Oslo")))

    assert run() == [f"Cleaned {name}", "Checked 1 images: cleaned 1, missing 0, failed 0."]
    assert b"Oslo" not in read(name)
