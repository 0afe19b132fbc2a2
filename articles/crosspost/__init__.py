"""Cross-posting: pieces first published elsewhere (LinkedIn above all), brought in and credited.

- `origins`: the original's platform, cleaned URL and the attribution line.
- `cleaning`: a pasted or imported piece turned into clean HTML, with what was removed.
- `importing`: saving a cleaned piece as a draft (or published) article with its author.
- `formats`: the files `import_articles` reads (HTML, JSON Lines, text exports), a module each.
"""
