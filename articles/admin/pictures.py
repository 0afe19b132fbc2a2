"""Pictures for the rich-text editor: the page its "Insert figure" dialog opens with "Browse…".

The editor (django-prose-editor's Figure) opens this page in a small window with a
`CKEditorFuncNum`; choosing a picture hands its address, alt text and caption back to the
dialog through `window.opener` (`static/js/picture-picker.js`), so an editor puts a picture in
the text without typing HTML. The pictures are the featured images of the articles this editor
may open, as renditions on this site (the sanitiser keeps no other picture address). Without
JavaScript each picture's address is shown to copy into the dialog.
"""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path

from articles.models import Article

PICKER_TEMPLATE = "admin/articles/article/pictures.html"
# Newest first; enough to find last week's pictures without paging.
MAX_PICTURES = 60
# The rendition a picture in the text is shown at: the text column's width, twice for sharpness.
TEXT_WIDTH = 1200


class PicturesAdmin:
    """Mixed into ArticleAdmin: the picture picker, at /admin/articles/article/pictures/."""

    def get_urls(self):
        picker = self.admin_site.admin_view(self.pictures_view)
        return [path("pictures/", picker, name="richtext_pictures"), *super().get_urls()]

    def pictures_view(self, request):
        # Refused, as every admin page is, to staff who may not see articles at all.
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        articles = (
            self.get_queryset(request)
            .exclude(featured_image="")
            .order_by("-updated_at")
            .only(
                "pk",
                "headline",
                "featured_image",
                "featured_image_renditions",
                "featured_image_width",
                "featured_image_height",
                "featured_image_alt",
                "featured_image_caption",
                "featured_image_credit",
            )[:MAX_PICTURES]
        )
        pictures = [
            {
                "headline": article.headline,
                "thumbnail": article.image.thumbnail_url,
                "src": article.image.url_for_width(TEXT_WIDTH),
                "alt": article.featured_image_alt,
                "caption": " ".join(
                    part
                    for part in (article.featured_image_caption, article.featured_image_credit)
                    if part
                ),
            }
            for article in articles
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": "Choose a picture",
            "pictures": pictures,
            "is_popup": True,
            "opts": Article._meta,
        }
        return TemplateResponse(request, PICKER_TEMPLATE, context)
