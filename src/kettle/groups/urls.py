"""Groups, organisations and polls. Each view module lists its own routes; they join here."""

from importlib import import_module

app_name = "groups"

MODULES = ("group_posts", "listing", "setup_pages", "group_pages", "joining_pages", "moderation_pages", "polls",
           "organisations")

urlpatterns: list = []
for name in MODULES:  # "groups/new" (setup_pages) before "groups/<slug>" (group_pages)
    urlpatterns += import_module(f"kettle.groups.views.{name}").urlpatterns
