"""Which XMP packets tell where a picture was taken or who took it.

An XMP packet is RDF in XML: each property is an attribute of an `rdf:Description`
(`photoshop:City="Oslo"`) or an element inside it (`<photoshop:City>Oslo</photoshop:City>`),
and structures (IPTC's locations, the creator's contact) nest further elements. The packet is
read with expat, namespaces resolved, element by element without building a tree; nothing is
fetched, and a packet with a document type (where entities live) is not read at all.
"""

import re
from xml.parsers import expat

# Properties that give a place or a person, by their namespace's address and their name. A
# property is known by its namespace's address, never by its prefix: prefixes are the writer's to
# choose (`ps:City` is photoshop:City when `ps` is bound to Photoshop's address, and
# `photoshop:City` names nothing when `photoshop` is bound to another), and a name that is a
# common word elsewhere (a tool's own `City`) is left alone. Removed: the photographer's name
# (dc:creator, as EXIF's Artist) and contact, and every place from the street up (as IPTC's
# block, which is dropped whole). Kept, as EXIF's copyright notice is: the rights (dc:rights,
# xmpRights), the credit line (photoshop:Credit, which is what a newsroom prints under a
# picture and what the media kit writes into downloads itself), the caption and the tool.
EXIF = "http://ns.adobe.com/exif/1.0/"
TELLING = {
    "http://purl.org/dc/elements/1.1/": {"creator"},
    "http://ns.adobe.com/photoshop/1.0/": {"City", "State", "Country"},
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
    },
    "http://ns.adobe.com/tiff/1.0/": {"Artist"},
}
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
