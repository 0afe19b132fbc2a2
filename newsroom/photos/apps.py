from django.apps import AppConfig


class PhotosConfig(AppConfig):
    name = "newsroom.photos"
    label = "photos"
    verbose_name = "Photos"

    def ready(self):
        # Importing the checks registers them.
        from newsroom.photos import checks  # noqa: F401
