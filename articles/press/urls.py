from django.urls import path

from articles.press import views
from newsroom.pagecache import reader_download, reader_page

app_name = "press"

urlpatterns = [
    path("", reader_page(views.PressRoomView.as_view()), name="room"),
    path("contacts/<slug:slug>.vcf", reader_page(views.contact_vcard), name="vcard"),
    path("media-kit.zip", reader_download(views.room_kit_zip), name="kit-zip"),
    path(
        "media-kit/<int:pk>/<slug:variant>/",
        reader_download(views.room_kit_file),
        name="kit-file",
    ),
]
