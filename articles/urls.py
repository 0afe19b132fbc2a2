from django.urls import path

from articles import views

app_name = "articles"

urlpatterns = [
    path("", views.ArticleIndexView.as_view(), name="index"),
    path("authors/<slug:slug>/", views.AuthorArticlesView.as_view(), name="author"),
    path("tags/<slug:slug>/", views.TagArticlesView.as_view(), name="tag"),
    path("<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("<slug:slug>/preview/<str:token>/", views.PreviewLinkView.as_view(), name="preview"),
]
