from django.urls import path

from . import views

app_name = "funds"

urlpatterns = [
    path("", views.FundViews.view("list"), name="list"),
    path("new/", views.FundViews.view("create"), name="create"),
    path("summary/", views.summary, name="summary"),
    path("entries/", views.entry_list, name="entries"),
    path("<int:pk>/", views.FundViews.view("detail"), name="detail"),
    path("<int:pk>/edit/", views.FundViews.view("edit"), name="edit"),
    path("<int:pk>/archive/", views.FundViews.view("archive"), name="archive"),
    path("<int:pk>/entries/new/", views.entry_create, name="entry_create"),
    path("<int:pk>/entries/<int:entry_pk>/reverse/", views.entry_reverse, name="entry_reverse"),
    path("<int:pk>/close/", views.fund_close, name="close"),
]
