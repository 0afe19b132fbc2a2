import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, PngImagePlugin

from articles.models import Article
from newsroom.photos.fields import strip_location, validate_image_file
from tests.conftest import image_bytes
from tests.factories import ArticleFactory, AuthorFactory


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP", "GIF"])
def test_web_image_formats_are_accepted(make_upload, image_format):
    validate_image_file(make_upload(f"photo.{image_format.lower()}", image_format=image_format))


def test_a_text_file_named_jpg_is_refused(make_upload):
    upload = make_upload("photo.jpg", content=b"this is not an image at all")

    with pytest.raises(ValidationError) as error:
        validate_image_file(upload)

    assert error.value.code == "not_an_image"


def test_an_svg_is_refused(make_upload):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'

    with pytest.raises(ValidationError) as error:
        validate_image_file(make_upload("logo.svg", content=svg))

    assert error.value.code == "not_an_image"


def test_a_truncated_image_is_refused(make_upload):
    truncated = image_bytes("PNG", (600, 400))[:200]

    with pytest.raises(ValidationError) as error:
        validate_image_file(make_upload("cut.png", content=truncated))

    assert error.value.code == "damaged_image"


def test_an_image_with_too_many_pixels_is_refused_with_its_size(make_upload):
    # A PNG of a single colour compresses to a few kilobytes whatever its pixel count.
    upload = make_upload("huge.png", image_format="PNG", size=(13_000, 200))

    with pytest.raises(ValidationError) as error:
        validate_image_file(upload)

    assert error.value.code == "too_many_pixels"
    assert "13000 × 200" in error.value.messages[0]


def test_a_bmp_is_refused_as_an_unsupported_format(make_upload):
    with pytest.raises(ValidationError) as error:
        validate_image_file(make_upload("scan.bmp", image_format="BMP", size=(20, 20)))

    assert error.value.code == "unsupported_format"
    assert "BMP" in error.value.messages[0]


# Location metadata is removed from uploads before they are stored.

DANA_GPS = {1: "N", 2: (51.0, 30.0, 12.5), 3: "W", 4: (0.0, 7.0, 39.0)}


def exif_with_location(orientation: int = 6) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "Phonemaker"
    exif[ExifTags.Base.Copyright] = "Northwind Labs"
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(DANA_GPS)
    return exif


def photo_bytes(image_format: str, *, exif: Image.Exif | None = None, size=(320, 200)) -> bytes:
    buffer = io.BytesIO()
    picture = Image.effect_noise(size, 40).convert("RGB")
    options = {"exif": exif} if exif is not None else {}
    if image_format == "WEBP":
        options["lossless"] = True
    picture.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def stored_exif(file) -> Image.Exif:
    file.open("rb")
    with Image.open(file) as image:
        return image.getexif()


def pixels(data_or_file) -> bytes:
    source = io.BytesIO(data_or_file) if isinstance(data_or_file, bytes) else data_or_file
    with Image.open(source) as image:
        return image.convert("RGB").tobytes()


@pytest.mark.django_db
@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_an_uploaded_photo_is_stored_without_its_location_but_with_its_orientation(
    image_format,
):
    original = photo_bytes(image_format, exif=exif_with_location())
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(ExifTags.IFD.GPSInfo)

    article = ArticleFactory(
        featured_image=SimpleUploadedFile(f"photo.{image_format.lower()}", original),
        featured_image_alt="A harbour",
    )

    exif = stored_exif(article.featured_image)
    assert exif.get_ifd(ExifTags.IFD.GPSInfo) == {}
    assert exif[ExifTags.Base.Orientation] == 6
    assert exif[ExifTags.Base.Make] == "Phonemaker"
    assert exif[ExifTags.Base.Copyright] == "Northwind Labs"
    article.featured_image.open("rb")
    assert pixels(article.featured_image) == pixels(original)  # not re-encoded


@pytest.mark.django_db
def test_a_headshot_is_stored_without_its_location_too():
    author = AuthorFactory(
        headshot=SimpleUploadedFile("me.jpg", photo_bytes("JPEG", exif=exif_with_location()))
    )

    assert stored_exif(author.headshot).get_ifd(ExifTags.IFD.GPSInfo) == {}


def xmp_segment(packet: bytes) -> bytes:
    body = b"http://ns.adobe.com/xap/1.0/\x00" + packet
    return b"\xff\xe1" + (len(body) + 2).to_bytes(2, "big") + body


RDF = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
    b'xmlns:exif="http://ns.adobe.com/exif/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
)
XMP_WITH_GPS = (
    RDF + b'<rdf:Description exif:GPSLatitude="51,30.2N" exif:GPSLongitude="0,7.6W"/>'
    b"</rdf:RDF></x:xmpmeta>"
)
XMP_WITHOUT_GPS = RDF + b'<rdf:Description dc:rights="Northwind Labs"/></rdf:RDF></x:xmpmeta>'


def test_an_xmp_packet_that_gives_the_location_is_dropped_and_others_kept():
    jpeg = photo_bytes("JPEG")
    with_gps = jpeg[:2] + xmp_segment(XMP_WITH_GPS) + xmp_segment(XMP_WITHOUT_GPS) + jpeg[2:]

    cleaned = strip_location(with_gps)

    assert b"GPSLatitude" not in cleaned
    assert b"Northwind Labs" in cleaned
    assert pixels(cleaned) == pixels(jpeg)


def test_a_png_xmp_text_chunk_with_a_location_is_dropped():
    buffer = io.BytesIO()
    info = PngImagePlugin.PngInfo()
    info.add_itxt("XML:com.adobe.xmp", XMP_WITH_GPS.decode(), zip=True)
    info.add_text("Comment", "Harbour at dawn")
    Image.new("RGB", (40, 30), "navy").save(buffer, format="PNG", pnginfo=info)

    cleaned = strip_location(buffer.getvalue())

    with Image.open(io.BytesIO(cleaned)) as image:
        image.load()
        assert "XML:com.adobe.xmp" not in image.info
        assert image.info["Comment"] == "Harbour at dawn"


def test_a_webp_xmp_chunk_with_a_location_is_dropped_and_the_file_stays_valid():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "navy").save(buffer, format="WEBP", xmp=XMP_WITH_GPS)

    cleaned = strip_location(buffer.getvalue())

    assert b"GPSLatitude" not in cleaned
    with Image.open(io.BytesIO(cleaned)) as image:
        image.load()
        assert image.size == (40, 30)
        assert "xmp" not in image.info


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP", "GIF"])
def test_a_photo_without_a_location_is_left_as_it_is(image_format):
    assert strip_location(photo_bytes(image_format)) is None


@pytest.mark.django_db
def test_the_admin_stores_an_upload_without_its_location(admin_client):
    from tests.articles.admin.article_forms import article_form

    photo = photo_bytes("JPEG", exif=exif_with_location(), size=(800, 600))
    upload = SimpleUploadedFile("harbour.jpg", photo)
    data = article_form(
        AuthorFactory(), featured_image=upload, featured_image_alt="The harbour at dawn"
    )

    response = admin_client.post("/admin/articles/article/add/", data)

    assert response.status_code == 302
    article = Article.objects.get()
    assert stored_exif(article.featured_image).get_ifd(ExifTags.IFD.GPSInfo) == {}
    assert article.image.ready
