from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from kettle.accounts.views.profile import profile
from kettle.api.root import api
from kettle.core import views as core

admin.site.site_header = f"{settings.SITE_NAME} admin"
admin.site.site_title = f"{settings.SITE_NAME} admin"

urlpatterns = [
    path("", core.home, name="home"),
    path("places/search/", core.place_search, name="place_search"),
    path("health/", core.health, name="health"),
    path("favicon.ico", core.favicon),
    re_path(r"^media/(?P<path>.+)$", core.media, name="media"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    re_path(r"^@(?P<handle>[A-Za-z0-9_]{1,30})/?$", profile, name="profile"),
    path("", include("kettle.accounts.urls")),
    path("", include("kettle.social.urls")),
    path("", include("kettle.groups.urls")),
    path("", include("kettle.meetups.urls")),
    path("notifications/", include("kettle.notifications.urls")),
    path("reports/", include("kettle.moderation.urls")),
]

if settings.BENCH:
    from kettle.bench.views import hello

    urlpatterns.insert(0, path("bench/hello", hello, name="bench_hello"))
