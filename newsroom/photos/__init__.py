"""Photos: the image field, upload checks, renditions and `<picture>` markup.

A sub-app with no models, used by any model with a photo (an article's featured image, an
author's headshot, the site's logo and default image for link previews). It imports nothing from
the apps that use it.

- `fields`: `PhotoField`, which checks an upload is the image it claims to be, strips its
  location data and stores it under the extension of what it really is.
- `stripping`: what uploads are stored without (the place, the camera's serials, its owner),
  with `xmp` deciding which XMP packets tell a place or a person.
- `making`: the resized copies each photo is served in, made when a save writes a photo field
  an app named with `keep_renditions`.
- `renditions`: `Renditions`, the record of those copies as templates, feeds and link previews
  read it, without a storage call.
- `cards`: title cards, link-preview pictures drawn from text for pages with no photo, stored
  once like renditions; `card_fonts` picks the installed font that has the letters of each text.
- `templatetags/photos.py`: `{% picture %}` and `{% headshot %}`.
- `make_renditions`: a command that makes the renditions of photos uploaded before they existed.
- `repair_photo_sizes`: a command that records the upright size of photos recorded on their
  side, uploaded before that size was recorded.
"""
