from django.urls import re_path

from trade import views

app_name = "trade"

urlpatterns = [
    re_path(
        r"^relations/(?P<slug>[-\w]+)/revisions/(?P<number>[0-9]+)/figures\.(?P<extension>csv|json)$",
        views.revision_figures,
        name="revision_figures",
    ),
]
