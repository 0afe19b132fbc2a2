"""The newsroom's admin site: Django's, with a home page and pages that apps add.

Apps register with it in their `AppConfig.ready()`, as they register models: `add_pages(urls)`
adds the URL patterns `urls(site)` returns under /admin/, named in the `admin` namespace, and
`set_home(view, shown_to=…)` puts `view` at /admin/ for the people it is meant for. Everyone
else, and every page's breadcrumbs, still get Django's index with its list of models.
"""

from collections.abc import Callable

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver

Pages = Callable[["NewsroomAdminSite"], list[URLPattern | URLResolver]]
Home = Callable[[HttpRequest, "NewsroomAdminSite"], HttpResponse]


class NewsroomAdminSite(admin.AdminSite):
    def __init__(self, name: str = "admin"):
        super().__init__(name)
        self._pages: list[Pages] = []
        self._home: tuple[Home, Callable[[object], bool]] | None = None

    def add_pages(self, urls: Pages) -> None:
        """Serve the patterns `urls(site)` returns; views wrap themselves in `site.admin_view`
        unless they are meant to be reached without signing in."""
        if urls not in self._pages:
            self._pages.append(urls)

    def set_home(self, view: Home, *, shown_to: Callable[[object], bool]) -> None:
        """Answer /admin/ with `view(request, site)` for users `shown_to(user)` accepts."""
        self._home = (view, shown_to)

    def get_urls(self):
        added = [pattern for urls in self._pages for pattern in urls(self)]
        return [*added, *super().get_urls()]

    def index(self, request, extra_context=None):
        if self._home is not None:
            view, shown_to = self._home
            if shown_to(request.user):
                return view(request, self)
        return super().index(request, extra_context)
