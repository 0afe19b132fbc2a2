"""Storage names for uploads that must not be found before they are shown.

Uploads are public at their storage address (a bucket anyone may read, or the CDN in front of
it), so a file that belongs to a piece not yet out (its picture, its media kit) is stored under
a folder of random characters: only someone shown the address can reach it.
"""

import secrets
from pathlib import PurePosixPath

from django.core.exceptions import SuspiciousFileOperation
from django.utils.text import get_valid_filename


def unguessable_name(folder: str, filename: str, *, keep: int) -> str:
    """`folder`/<22 random characters>/<the upload's own name, made safe and at most `keep`
    characters long, its end kept for the extension>."""
    try:
        name = get_valid_filename(PurePosixPath(filename).name)[-keep:]
    except SuspiciousFileOperation:
        name = "file"
    return f"{folder}/{secrets.token_urlsafe(16)}/{name}"
