"""Kept so that the migrations which name `articles.images.PhotoField` still load.

The field lives in `newsroom.photos.fields`; new code imports it from there.
"""

from newsroom.photos.fields import PhotoField, validate_image_file

__all__ = ["PhotoField", "validate_image_file"]
