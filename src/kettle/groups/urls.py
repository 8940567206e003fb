"""Groups, organisations and polls. Each view module lists its own routes; they join here."""

from importlib import import_module

app_name = "groups"

MODULES = ("group_posts", "browse", "group_page", "joining", "queue", "group_settings", "polls", "organisations")

urlpatterns: list = []
for name in MODULES:
    try:
        module = import_module(f"kettle.groups.views.{name}")
    except ModuleNotFoundError as error:
        if error.name != f"kettle.groups.views.{name}":
            raise
        continue  # a module not written yet
    urlpatterns += module.urlpatterns
