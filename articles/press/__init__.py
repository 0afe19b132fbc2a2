"""The press room: media contacts, the boilerplate, the media kit, /press/, vCards.

Journalists come to a company's newsroom for its releases, someone to call and what the company
is. Contacts are edited in the admin (`articles.models.PressContact`); the organisation's "About"
paragraph once, in the site settings; a press release names its own contacts or shows the
default ones, and ends with the "About" paragraph unless it replaces or omits it.

- `contacts`: which contacts a release and the press room show, each list in one query, and
  the page-cache tags of what they show.
- `notes`: a release's contacts and kit, brought by its own row when nothing is kept.
- `boilerplate`: the "About <organisation>" section that ends a release.
- `vcard`: a contact as a vCard, and the download's headers.
- `media_kit`: the media kit as pages show it (`articles.models.MediaKitItem`): a release's and
  the press room's, each item with its downloads.
- `downloads`: a kit's files as readers download them, a JPEG with its credit written in, and
  the whole kit as one streamed ZIP.
- `views` and `urls`: /press/, /press/contacts/<slug>.vcf, the press room's kit
  (/press/media-kit/…) and a public release's (/news/<slug>/media-kit/…).
- `sitemaps`: /press/ in the sitemap's pages.
"""
