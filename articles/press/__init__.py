"""The press room: media contacts, the boilerplate, /press/, vCards.

Journalists come to a company's newsroom for its releases, someone to call and what the company
is. Contacts are edited in the admin (`articles.models.PressContact`); the organisation's "About"
paragraph once, in the site settings; a press release names its own contacts or shows the
default ones, and ends with the "About" paragraph unless it replaces or omits it.

- `contacts`: which contacts a release and the press room show, each list in one query, and
  the page-cache tags of what they show.
- `boilerplate`: the "About <organisation>" section that ends a release.
- `vcard`: a contact as a vCard, and the download's headers.
- `views` and `urls`: /press/ and /press/contacts/<slug>.vcf.
- `sitemaps`: /press/ in the sitemap's pages.

The media kit (pictures, documents) has its place on both pages, `press/_media_kit.html`, and
renders nothing until it exists.
"""
