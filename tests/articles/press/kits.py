"""What the media kit's tests share: a release, a PDF item, and readers of what a download
holds (its bytes, the credit written into a JPEG, its pixels)."""

import io
from xml.etree import ElementTree

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.models import Article, MediaKitItem
from tests.factories import ArticleFactory, MediaKitItemFactory

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
XMP_NAMES = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "photoshop": "http://ns.adobe.com/photoshop/1.0/",
    "xmpRights": "http://ns.adobe.com/xap/1.0/rights/",
    "Iptc4xmpCore": "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}


def release(**fields) -> Article:
    fields = {"slug": "lisbon-plant", "headline": "Zephyrcorp opens its Lisbon plant"} | fields
    return ArticleFactory(kind=Article.Kind.PRESS_RELEASE, **fields)


def pdf_item(**fields) -> MediaKitItem:
    document = SimpleUploadedFile("fact-sheet.pdf", PDF, content_type="application/pdf")
    fields = {"title": "Fact sheet", "image": None, "alt_text": "", "document": document} | fields
    return MediaKitItemFactory(**fields)


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def xmp_of(data: bytes) -> dict[str, str]:
    """The credit, terms, title, caption and alt text a downloaded JPEG says about itself."""
    with Image.open(io.BytesIO(data)) as image:
        packet = image.info["xmp"]
    # The packet the site wrote, not a stranger's file.
    root = ElementTree.fromstring(packet.split(b"?>", 1)[1].rsplit(b"<?xpacket", 1)[0])  # noqa: S314
    description = root.find(".//rdf:Description", XMP_NAMES)

    def alternative(name: str) -> str:
        return description.find(f"{name}/rdf:Alt/rdf:li", XMP_NAMES).text

    return {
        "credit": description.find("photoshop:Credit", XMP_NAMES).text,
        "usage_terms": alternative("xmpRights:UsageTerms"),
        "title": alternative("dc:title"),
        "caption": alternative("dc:description"),
        "alt_text": alternative("Iptc4xmpCore:AltTextAccessibility"),
    }


def pixels(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as image:
        return image.tobytes()


def file_url(article: Article, item: MediaKitItem, variant="original") -> str:
    return f"/news/{article.slug}/media-kit/{item.pk}/{variant}/"
