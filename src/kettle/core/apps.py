from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _create_cache_table(sender, **kwargs) -> None:
    # The database cache (used when Redis isn't configured) needs its table after every migrate.
    from django.core.management import call_command

    call_command("createcachetable", verbosity=0, database=kwargs.get("using", "default"))


class CoreConfig(AppConfig):
    name = "kettle.core"
    label = "core"
    verbose_name = "Kettle core"

    def ready(self) -> None:
        post_migrate.connect(_create_cache_table, sender=self)
