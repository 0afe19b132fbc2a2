"""IPTC in a JPEG (the IIM datasets in Photoshop's APP13 block): photo desks' tools write the
caption, the photographer's name, the credit line and the copyright notice there, which
journalists need to credit a press photo, beside the photographer's contact and the place the
picture was taken, which are not kept."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from PIL.IptcImagePlugin import getiptcinfo

from newsroom.photos.stripping import strip_location
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

CHARACTER_SET = (1, 90)
CAPTION = (2, 120)
BY_LINE_TAG = (2, 80)
BY_LINE_TITLE = (2, 85)
CREDIT = (2, 110)
SOURCE = (2, 115)
COPYRIGHT = (2, 116)
# What a cleaned file keeps (the record versions beside them carry no text).
CREDITS = {(1, 0), (2, 0), CHARACTER_SET, CAPTION, BY_LINE_TAG, BY_LINE_TITLE, CREDIT, SOURCE}
CREDITS.add(COPYRIGHT)

BY_LINE = "Nádia Rahimi".encode()
CITY = b"Herat"
# Each dataset that gives a place, a contact or anything else not kept, with a value found
# nowhere else in the file.
LEFT_OUT = {
    (2, 25): b"protest",  # keywords
    (2, 90): CITY,  # city
    (2, 92): b"Old bazaar",  # sub-location
    (2, 95): b"Herat Province",  # province/state
    (2, 100): b"AFG",  # country code
    (2, 101): b"Afghanistan",  # country
    (2, 118): b"+93 700 000 000",  # contact
    (2, 122): b"Desk editor Omid",  # writer/editor
}
KEPT = {
    CAPTION: "Traders reopen their stalls, Nádia’s third day there.".encode(),
    BY_LINE_TAG: BY_LINE,
    BY_LINE_TITLE: b"Staff photographer",
    CREDIT: b"Northwind Wire",
    SOURCE: b"Northwind Wire / Kabul bureau",
    COPYRIGHT: "© 2026 Northwind Wire".encode(),
}
UTF8 = b"\x1b%G"


def dataset(tag: tuple[int, int], value: bytes) -> bytes:
    """One IIM dataset: tag marker, record, number, length, value."""
    record, number = tag
    return b"\x1c" + bytes([record, number]) + len(value).to_bytes(2, "big") + value


def iim(*, left_out: bool = True) -> bytes:
    """The datasets a photo desk's tool writes, in the order of their numbers: record 1's
    version and coded character set (UTF-8), then record 2's."""
    datasets = {(1, 0): b"\x00\x04", CHARACTER_SET: UTF8, (2, 0): b"\x00\x04"}
    datasets |= KEPT | (LEFT_OUT if left_out else {})
    return b"".join(dataset(tag, datasets[tag]) for tag in sorted(datasets))


def resource(number: int, data: bytes) -> bytes:
    """An image resource: 8BIM, its id, an empty name padded to even, size, data padded."""
    block = b"8BIM" + number.to_bytes(2, "big") + b"\x00\x00" + len(data).to_bytes(4, "big")
    return block + data + b"\x00" * (len(data) % 2)


def app13(body: bytes, header: bytes = b"Photoshop 3.0\x00") -> bytes:
    payload = header + body
    return b"\xff\xed" + (len(payload) + 2).to_bytes(2, "big") + payload


def jpeg_with_segments(*segments: bytes) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), "steelblue").save(buffer, format="JPEG")
    jpeg = buffer.getvalue()
    return jpeg[:2] + b"".join(segments) + jpeg[2:]


def iptc_jpeg() -> bytes:
    """A real JPEG with an APP13 block built byte by byte: "Photoshop 3.0", a thumbnail
    resource, the IIM resource (0x0404) and the IIM's digest (0x0425)."""
    datasets = iim()
    return jpeg_with_segments(
        app13(
            resource(0x040C, b"\xff\xd8 a thumbnail, Herat \xff\xd9")
            + resource(0x0404, datasets)
            + resource(0x0425, b"d" * 16)
        )
    )


def iptc_of(data: bytes) -> dict:
    with Image.open(io.BytesIO(data)) as opened:
        opened.load()
        return getiptcinfo(opened) or {}


def resources_of(data: bytes) -> set[int]:
    with Image.open(io.BytesIO(data)) as opened:
        return set(opened.info.get("photoshop", {}))


def stored(data: bytes) -> bytes:
    """The stored original of `data` uploaded as a piece's featured image."""
    article = ArticleFactory(
        featured_image=SimpleUploadedFile("harbour.jpg", data),
        featured_image_alt="The harbour at dawn",
    )
    with article.featured_image.open("rb") as file:
        return file.read()


def picture_of(data: bytes) -> bytes:
    return data[data.index(b"\xff\xda") :]


def test_the_jpeg_made_here_carries_credits_and_places_pillow_reads():
    found = iptc_of(iptc_jpeg())
    assert found[BY_LINE_TAG] == BY_LINE
    assert found[(2, 90)] == CITY
    assert found[(2, 118)] == b"+93 700 000 000"
    assert resources_of(iptc_jpeg()) == {0x040C, 0x0404, 0x0425}


def test_the_stored_original_keeps_the_credits_and_nothing_else_of_iptc():
    data = iptc_jpeg()

    kept = stored(data)

    found = iptc_of(kept)
    assert {tag: found[tag] for tag in KEPT} == KEPT
    assert found[CHARACTER_SET] == UTF8
    assert found[BY_LINE_TAG].decode() == "Nádia Rahimi", "read as the UTF-8 it is"
    assert set(found) <= CREDITS
    for value in LEFT_OUT.values():
        assert value not in kept
    assert resources_of(kept) == {0x0404}, "no thumbnail, no digest of the IIM it had"
    assert picture_of(kept) == picture_of(data), "the picture is not encoded again"


def test_repeated_by_lines_are_all_kept_in_their_order():
    second = dataset(BY_LINE_TAG, b"Omar Haidari")
    datasets = iim()
    at = datasets.index(dataset(BY_LINE_TAG, BY_LINE)) + len(dataset(BY_LINE_TAG, BY_LINE))
    data = jpeg_with_segments(app13(resource(0x0404, datasets[:at] + second + datasets[at:])))

    assert iptc_of(stored(data))[BY_LINE_TAG] == [BY_LINE, b"Omar Haidari"]


def test_iptc_of_only_places_and_contacts_leaves_no_photoshop_block():
    datasets = b"".join(dataset(tag, value) for tag, value in sorted(LEFT_OUT.items()))
    data = jpeg_with_segments(app13(resource(0x0404, datasets)))

    kept = stored(data)

    assert iptc_of(kept) == {}
    assert b"Photoshop 3.0" not in kept
    assert CITY not in kept


def test_a_block_split_over_two_segments_keeps_its_credits():
    """A block too long for one segment goes on in the next, a resource cut across both."""
    block = resource(0x040C, b"t" * 3000) + resource(0x0404, iim())
    cut = len(block) - 200
    data = jpeg_with_segments(app13(block[:cut]), app13(block[cut:]))

    kept = stored(data)

    assert iptc_of(kept)[COPYRIGHT] == KEPT[COPYRIGHT]
    assert kept.count(b"Photoshop 3.0") == 1
    assert CITY not in kept


def test_stripping_it_again_finds_nothing_to_do():
    assert strip_location(strip_location(iptc_jpeg())) is None


def test_a_block_of_credits_alone_is_kept_as_it_was():
    data = jpeg_with_segments(app13(resource(0x0404, iim(left_out=False))))

    assert strip_location(data) is None
    assert stored(data) == data


def cut_dataset() -> bytes:
    """A dataset claiming more bytes than its resource holds."""
    datasets = iim()
    return datasets + b"\x1c\x02\x5a\x10\x00" + CITY


MALFORMED = {
    "a dataset longer than its resource": app13(resource(0x0404, cut_dataset())),
    "a resource longer than its block": app13(b"8BIM\x04\x04\x00\x00\x00\x01\x00\x00" + iim()),
    "no tag marker": app13(resource(0x0404, iim() + b"\x00\x01" + CITY)),
    "a record that does not exist": app13(resource(0x0404, iim() + dataset((12, 90), CITY))),
    "a resource name cut short": app13(b"8BIM\x04\x04\x09Her"),
    "an older Photoshop's header": app13(resource(0x0404, iim()), b"Adobe_Photoshop2.5:"),
    "a block cut short": app13(resource(0x0404, iim())[:-60]),
}


@pytest.mark.parametrize("segment", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_block_that_cannot_be_read_whole_is_left_out_and_the_upload_kept(segment):
    data = jpeg_with_segments(segment)

    kept = stored(data)

    assert b"Photoshop" not in kept
    assert BY_LINE not in kept
    assert CITY not in kept
    assert iptc_of(kept) == {}
    with Image.open(io.BytesIO(kept)) as opened:
        assert opened.size == (1600, 900)
    assert picture_of(kept) == picture_of(data)
