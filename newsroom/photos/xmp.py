"""Which XMP packets tell where a picture was taken or who is in it, and what they keep.

An XMP packet is RDF in XML: each property is an attribute of an `rdf:Description`
(`photoshop:City="Oslo"`) or an element inside it (`<photoshop:City>Oslo</photoshop:City>`),
and structures (IPTC's locations, the creator's contact) nest further elements. The packet is
read with expat, namespaces resolved, element by element without building a tree; nothing is
fetched, and a packet with a document type (where entities live) is not read at all.

A packet that tells a place or a person is replaced by one of its credits alone (`CREDITS`),
the same ones a JPEG's IPTC keeps (see `newsroom.photos.iptc`); one that tells nothing is kept
as it is.
"""

import re
from xml.parsers import expat
from xml.sax.saxutils import escape

from newsroom.text import strip_control_characters

XMP_HEADER = b"http://ns.adobe.com/xap/1.0/\x00"
XMP_EXTENSION_HEADER = b"http://ns.adobe.com/xmp/extension/\x00"
APP1 = 0xE1
# A segment's length field counts itself: at most 65,535 bytes, the header included.
MAX_SEGMENT = 0xFFFF
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DC = "http://purl.org/dc/elements/1.1/"
PHOTOSHOP = "http://ns.adobe.com/photoshop/1.0/"
XML_LANG = "http://www.w3.org/XML/1998/namespace lang"
NAMESPACES = {
    "dc": DC,
    "photoshop": PHOTOSHOP,
    "xmpRights": "http://ns.adobe.com/xap/1.0/rights/",
    "Iptc4xmpCore": "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/",
}

# Properties that give a place or a person, by their namespace's address and their name. A
# property is known by its namespace's address, never by its prefix: prefixes are the writer's to
# choose (`ps:City` is photoshop:City when `ps` is bound to Photoshop's address, and
# `photoshop:City` names nothing when `photoshop` is bound to another), and a name that is a
# common word elsewhere (a tool's own `City`) is left alone. Telling: the photographer's contact,
# every place from the street up (as in IPTC), the camera's owner (tiff:Artist, as EXIF's
# Artist), and the people tagged in the picture (IPTC's person shown, the face regions Lightroom,
# digiKam and Windows Photo Gallery name): a tag may be a face a tool recognised, where a
# caption naming someone was written to be printed. Not telling, as IPTC's by-line and EXIF's
# copyright notice are not: the photographer's name (dc:creator), the rights, the credit line,
# the source, the caption and the tool.
EXIF = "http://ns.adobe.com/exif/1.0/"
TELLING = {
    PHOTOSHOP: {"City", "State", "Country"},
    "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/": {
        "Location",
        "CountryCode",
        "CreatorContactInfo",
        "CiAdrExtadr",
        "CiAdrCity",
        "CiAdrRegion",
        "CiAdrPcode",
        "CiAdrCtry",
        "CiEmailWork",
        "CiTelWork",
        "CiUrlWork",
    },
    "http://iptc.org/std/Iptc4xmpExt/2008-02-29/": {
        "LocationShown",
        "LocationCreated",
        "Sublocation",
        "City",
        "ProvinceState",
        "CountryName",
        "CountryCode",
        "WorldRegion",
        "LocationName",
        "LocationId",
        "GPSLatitude",
        "GPSLongitude",
        "GPSAltitude",
        "PersonInImage",
        "PersonInImageWDetails",
        "PersonHeard",
    },
    "http://ns.adobe.com/tiff/1.0/": {"Artist"},
    "http://www.metadataworkinggroup.com/schemas/regions/": {"Regions"},
    "http://ns.microsoft.com/photo/1.2/": {"RegionInfo"},
}
# What a packet that tells a place or a person keeps, each property of the picture's own
# description (not of a structure nested in it) with how XMP holds it: IPTC's creator (a list),
# copyright notice and caption (alternatives by language), credit line, source and the
# creator's job title (text), as IPTC's IIM by-line, copyright notice, caption, credit, source
# and by-line title.
CREDITS = {
    (DC, "creator"): "Seq",
    (DC, "rights"): "Alt",
    (DC, "description"): "Alt",
    (PHOTOSHOP, "Credit"): "",
    (PHOTOSHOP, "Source"): "",
    (PHOTOSHOP, "AuthorsPosition"): "",
}
LANGUAGE = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")
# Names that say what they hold in any namespace (a camera maker's or a drone's own, DJI's
# `drone-dji:GpsLatitude`): a position, or a tag that identifies a camera or its owner in EXIF
# (aux:SerialNumber, exifEX:CameraOwnerName…). Every property of XMP's EXIF namespace whose
# name starts with GPS goes too, as EXIF's whole GPS directory does.
TELLING_ANYWHERE = re.compile(
    r"GPS(?:Latitude|Longitude|Altitude|Position)|LocationShown|LocationCreated"
    r"|SerialNumber|OwnerName|XPAuthor|HostComputer|ImageUniqueID|MakerNote",
    re.IGNORECASE,
)


def tells_place_or_person(packet: bytes) -> bool:
    """Whether the XMP `packet` holds a property that gives a place or a person
    (`TELLING`), as an attribute or an element, at any depth; or cannot be read as XML with
    namespaces (cut short, prefixes never bound, a document type), so that what it holds
    cannot be known. Every tool writes well-formed packets, so little is lost by dropping the
    rest."""
    parser = expat.ParserCreate(namespace_separator=" ")

    def refuse(*args):
        raise ValueError("XMP packets hold no document type.")

    def start(name, attributes):
        for qualified in (name, *attributes):
            if _tells(qualified):
                raise _Telling

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.StartElementHandler = start
    try:
        parser.Parse(packet.rstrip(b"\x00"), True)
    except (_Telling, expat.ExpatError, ValueError):
        return True
    return False


class _Telling(Exception):
    pass


def _tells(qualified: str) -> bool:
    """Whether a name as expat gives it, "<namespace's address> <name>", is a telling one."""
    namespace, _, name = qualified.rpartition(" ")
    if not namespace:
        return False  # an unqualified attribute, which RDF gives no meaning
    return (
        name in TELLING.get(namespace, ())
        or (namespace == EXIF and name.startswith("GPS"))
        or bool(TELLING_ANYWHERE.search(name))
    )


def without_place_or_person(packet: bytes) -> bytes | None:
    """None when `packet` tells nothing (it is kept as it is); otherwise a packet of its
    credits alone, or b"" when it has none or cannot be read (nothing is kept)."""
    if not tells_place_or_person(packet):
        return None
    properties = credit_properties(packet)
    return packet_of(list(properties.values())) if properties else b""


def credit_properties(packet: bytes) -> dict[tuple[str, str], str]:
    """The credits (`CREDITS`) of `packet`'s own description, each written anew as XML, by
    its namespace and name; none when it cannot be read."""
    try:
        credits = _credits_in(packet)
    except (expat.ExpatError, ValueError):
        return {}
    properties = {name: _property(name, credits.get(name, [])) for name in CREDITS}
    return {name: written for name, written in properties.items() if written}


def _credits_in(packet: bytes) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """Each credit property of the picture's own description: its items' languages and texts
    (an attribute, or an element's own text, is one item)."""
    parser = expat.ParserCreate(namespace_separator=" ")
    found: dict[tuple[str, str], list[tuple[str, str]]] = {}
    path: list[str] = []
    reading: dict = {}

    def refuse(*args):
        raise ValueError("XMP packets hold no document type.")

    def start(name, attributes):
        description = path[-2:] == [f"{RDF} RDF", f"{RDF} Description"]
        if path[-1:] == [f"{RDF} RDF"] and name == f"{RDF} Description":
            for qualified, value in attributes.items():
                if _credit(qualified):
                    found.setdefault(_credit(qualified), [("", value)])
        elif description and _credit(name) and _credit(name) not in found:
            reading.update(name=_credit(name), depth=len(path), items=[], text=[], item=None)
        elif reading and name == f"{RDF} li" and reading["item"] is None:
            reading["item"] = (attributes.get(XML_LANG, ""), [], len(path))
        path.append(name)

    def end(name):
        path.pop()
        if not reading:
            return
        item = reading["item"]
        if item is not None and len(path) == item[2]:
            reading["items"].append((item[0], "".join(item[1])))
            reading["item"] = None
        elif len(path) == reading["depth"]:
            items = reading["items"] or [("", "".join(reading["text"]))]
            found[reading["name"]] = items
            reading.clear()

    def characters(data):
        if not reading:
            return
        item = reading["item"]
        if item is not None and len(path) == item[2] + 1:
            item[1].append(data)
        elif len(path) == reading["depth"] + 1:
            reading["text"].append(data)

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    parser.Parse(packet.rstrip(b"\x00"), True)
    return found


def _credit(qualified: str) -> tuple[str, str] | None:
    namespace, _, name = qualified.rpartition(" ")
    return (namespace, name) if (namespace, name) in CREDITS else None


def _property(name: tuple[str, str], items: list[tuple[str, str]]) -> str:
    """A credit property as XML, or "" when it has no text."""
    prefixed = ("dc:" if name[0] == DC else "photoshop:") + name[1]
    kind = CREDITS[name]
    values = [(language, text(value)) for language, value in items]
    values = [(language, value) for language, value in values if value]
    if not values:
        return ""
    if kind == "Seq":
        return list_property(prefixed, "Seq", [value for _, value in values])
    if kind == "Alt":
        return alternatives(prefixed, values)
    return f"<{prefixed}>{values[0][1]}</{prefixed}>"


def text(value: str) -> str:
    """`value` as XML text: control characters left out, trimmed, escaped."""
    return escape(strip_control_characters(value or "").strip())


def list_property(prefixed: str, kind: str, values: list[str]) -> str:
    items = "".join(f"<rdf:li>{value}</rdf:li>" for value in values)
    return f"<{prefixed}><rdf:{kind}>{items}</rdf:{kind}></{prefixed}>"


def alternatives(prefixed: str, values: list[tuple[str, str]]) -> str:
    """A language alternative of (language, escaped text) entries; the first is repeated as
    the default when none is, as XMP's readers look for it. A language that is not a
    language tag is the default's."""
    values = [
        (language if LANGUAGE.fullmatch(language) else "x-default", value)
        for language, value in values
    ]
    if all(language != "x-default" for language, _ in values):
        values.insert(0, ("x-default", values[0][1]))
    items = "".join(f'<rdf:li xml:lang="{language}">{value}</rdf:li>' for language, value in values)
    return f"<{prefixed}><rdf:Alt>{items}</rdf:Alt></{prefixed}>"


def packet_of(properties: list[str]) -> bytes:
    """An XMP packet of one description holding `properties` (XML, empty ones left out)."""
    declarations = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NAMESPACES.items())
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        f'<rdf:RDF xmlns:rdf="{RDF}">'
        f'<rdf:Description rdf:about="" {declarations}>{"".join(properties)}</rdf:Description>'
        '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    ).encode()


def xmp_segment(packet: bytes) -> bytes:
    """`packet` as a JPEG APP1 segment; ValueError if it cannot fit in one."""
    body = XMP_HEADER + packet
    if len(body) + 2 > MAX_SEGMENT:
        raise ValueError("The XMP packet is too long for one JPEG segment.")
    return bytes([0xFF, APP1]) + (len(body) + 2).to_bytes(2, "big") + body
