from django.urls import path

from relations import views

app_name = "relations"

urlpatterns = [
    path("", views.home, name="home"),
    path("relations/", views.profile_index, name="index"),
    path("relations/<slug:slug>/", views.profile_detail, name="profile"),
    path("relations/<slug:slug>/updates/", views.profile_updates, name="updates"),
    path(
        "relations/<slug:slug>/revisions/<int:number>/",
        views.revision_detail,
        name="revision",
    ),
]
