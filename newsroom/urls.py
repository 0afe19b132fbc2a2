from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from newsroom import sitemaps, views
from newsroom.pagecache import reader_page

newsroom_patterns = (
    [path("<slug:slug>/", views.page, name="page")],
    "newsroom",
)

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="articles:index", permanent=False)),
    path("favicon.ico", views.favicon),
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", reader_page(views.robots_txt), name="robots"),
    path("sitemap.xml", reader_page(sitemaps.index), name="sitemap"),
    path("sitemap-<slug:section>.xml", reader_page(sitemaps.section), name="sitemap-section"),
    # Email alerts, before the news section's own addresses (its article slugs).
    path("news/alerts/", include("articles.alerts.urls")),
    path("news/", include("articles.urls")),
    path("api/", include("articles.api.urls")),
    path("press/", include("articles.press.urls")),
]

# An email provider's webhooks (django-anymail): only behind their basic-auth secret.
if settings.ANYMAIL.get("WEBHOOK_SECRET"):
    urlpatterns += [path("anymail/", include("anymail.urls"))]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Site pages last: their slugs fill whatever the patterns above leave free.
urlpatterns += [path("", include(newsroom_patterns))]

handler400 = "newsroom.views.bad_request"
handler404 = "newsroom.views.page_not_found"
handler500 = "newsroom.views.server_error"
