from django.apps import AppConfig


class PhotosConfig(AppConfig):
    name = "newsroom.photos"
    label = "photos"
    verbose_name = "Photos"
