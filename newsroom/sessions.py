"""How long a sign-in lasts: SESSION_COOKIE_AGE (SESSION_IDLE_HOURS) without a request.

Sessions are the admin's alone; readers' choices are cookies of their own, and a reader's
request never opens one. Each signed-in request starts the idle time again, writing the session
at most once every `refresh_seconds()` rather than on every request (Django's
SESSION_SAVE_EVERY_REQUEST): an editor's autosaves and previews would each cost a write, and a
request that changed nothing would save its copy over one a concurrent request changed.
"""

import time

from django.conf import settings

# When the session was last written for its idle time, in seconds since the epoch.
REFRESHED_KEY = "_newsroom_refreshed"


def refresh_seconds() -> int:
    """How stale a session's expiry may grow before a request writes it again: five minutes,
    or a tenth of a shorter idle time."""
    return min(300, settings.SESSION_COOKIE_AGE // 10)


def note_refreshed(sender, request, user, **kwargs) -> None:
    """On `user_logged_in`: the session about to be written has its idle time from now."""
    request.session[REFRESHED_KEY] = int(time.time())


class SessionIdleMiddleware:
    """Starts a signed-in session's idle time again when its expiry was last written more than
    `refresh_seconds()` ago. Before SessionMiddleware in its answer, so it writes the session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if (
            session is None
            or settings.SESSION_COOKIE_NAME not in request.COOKIES
            or session.is_empty()
        ):
            return response
        now = int(time.time())
        if now - session.get(REFRESHED_KEY, 0) >= refresh_seconds():
            session[REFRESHED_KEY] = now
        return response
