"""The newsroom's admin site: Django's, with a home page and pages that apps add.

Apps register with it in their `AppConfig.ready()`, as they register models: `add_pages(urls)`
adds the URL patterns `urls(site)` returns under /admin/, named in the `admin` namespace, and
`set_home(view, shown_to=…)` puts `view` at /admin/ for the people it is meant for. Everyone
else, and every page's breadcrumbs, still get Django's index with its list of models.

Its "view on site" redirect (/admin/r/<type>/<id>/) leads only to what the signed-in user may
open in the admin: Django's own sends anyone on the staff to the address of any row, and a
draft's address spells out its headline.
"""

from collections.abc import Callable

from axes.handlers.proxy import AxesProxyHandler
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.signals import user_login_failed
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import URLPattern, URLResolver, path

from newsroom.views import login_locked_out

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
        guarded = path(
            "r/<int:content_type_id>/<path:object_id>/",
            self.admin_view(self.view_on_site),
            name="view_on_site",
        )
        own = [
            guarded if getattr(pattern, "name", None) == "view_on_site" else pattern
            for pattern in super().get_urls()
        ]
        return [*added, *own]

    def password_change(self, request, extra_context=None):
        """Django's form, with each wrong current password counted as a wrong password at
        sign-in (django-axes, by username and address): five pause the form as they pause
        sign-in, so a browser left signed in cannot be used to guess the password."""
        credentials = {"username": request.user.get_username()}
        if request.method == "POST":
            if not AxesProxyHandler.is_allowed(request, credentials):
                return login_locked_out(request, credentials=credentials)
            if not request.user.check_password(request.POST.get("old_password", "")):
                user_login_failed.send(__name__, credentials=credentials, request=request)
                if not AxesProxyHandler.is_allowed(request, credentials):
                    return login_locked_out(request, credentials=credentials)
        return super().password_change(request, extra_context)

    def view_on_site(self, request, content_type_id: int, object_id: str) -> HttpResponse:
        """To the public address of a row the user may view in the admin, as its admin names
        it; a 404 alike for a row that does not exist and one they may not see."""
        try:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
        except ContentType.DoesNotExist:
            raise Http404 from None
        model_admin = self._registry.get(model)
        if model_admin is None:
            raise Http404
        obj = model_admin.get_object(request, unquote(object_id))
        if obj is None or not model_admin.has_view_permission(request, obj):
            raise Http404
        shown = model_admin.view_on_site
        if callable(shown):
            url = shown(obj)
        else:
            url = obj.get_absolute_url() if shown and hasattr(obj, "get_absolute_url") else None
        if not url:
            raise Http404
        return HttpResponseRedirect(url)

    def index(self, request, extra_context=None):
        if self._home is not None:
            view, shown_to = self._home
            if shown_to(request.user):
                return view(request, self)
        return super().index(request, extra_context)
