from django.urls import path

from . import views

app_name = "news"

urlpatterns = [
    path("", views.NewsItemViews.view("list"), name="list"),
    path("<int:pk>/", views.NewsItemViews.view("detail"), name="detail"),
    path("<int:pk>/edit/", views.NewsItemViews.view("edit"), name="edit"),
    path("<int:pk>/archive/", views.NewsItemViews.view("archive"), name="archive"),
    path("<int:pk>/publish/", views.newsitem_publish, name="publish"),
    path("<int:pk>/download.docx", views.newsitem_download, {"file_format": "docx"}, name="docx"),
    path("<int:pk>/download.html", views.newsitem_download, {"file_format": "html"}, name="html"),
    path("write/<str:kind>/<int:pk>/", views.newsitem_write, name="write"),
    path("articles/", views.article_list, name="articles"),
    path("articles/new/", views.article_new, name="article_new"),
    path("articles/<int:pk>/", views.article_detail, name="article"),
]
