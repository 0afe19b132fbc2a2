from django.urls import path, re_path

from articles.api import schema, views
from articles.urls import UnicodeSlugConverter  # noqa: F401 (registers `unicode_slug`)
from newsroom.pagecache import reader_page

app_name = "api"

# Lists and details are reader pages: kept, with ETags and 304s, until what they show changes.
urlpatterns = [
    path("v1/", views.ApiRoot.as_view(), name="root"),
    path("v1/articles/", reader_page(views.ArticleList.as_view()), name="articles"),
    path("v1/articles/<slug:slug>/", reader_page(views.ArticleDetail.as_view()), name="article"),
    path("v1/authors/", reader_page(views.AuthorList.as_view()), name="authors"),
    path("v1/authors/<slug:slug>/", reader_page(views.AuthorDetail.as_view()), name="author"),
    path("v1/tags/", reader_page(views.TopicList.as_view()), name="tags"),
    path("v1/tags/<unicode_slug:slug>/", reader_page(views.TopicDetail.as_view()), name="tag"),
    path("v1/schema/", schema.SchemaView.as_view(), name="schema"),
    path("v1/docs/", schema.docs, name="docs"),
    re_path(r"", views.NoSuchEndpoint.as_view(), name="not-found"),
]
