from django.urls import path, re_path

from relations import feeds, views

app_name = "relations"

urlpatterns = [
    path("", views.home, name="home"),
    path("relations/", views.profile_index, name="index"),
    path("relations/updates.atom", feeds.site_updates_feed, name="feed"),
    path("relations/<slug:slug>/", views.profile_detail, name="profile"),
    path("relations/<slug:slug>/updates/", views.profile_updates, name="updates"),
    path("relations/<slug:slug>/updates.atom", feeds.profile_updates_feed, name="profile_feed"),
    path(
        "relations/<slug:slug>/revisions/<int:number>/",
        views.revision_detail,
        name="revision",
    ),
    re_path(
        r"^relations/(?P<slug>[-\w]+)/(?P<month>[0-9]{4}-[0-9]{2})/$",
        views.revision_of_month,
        name="revision_of_month",
    ),
]
