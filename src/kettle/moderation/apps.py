from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "kettle.moderation"
    label = "moderation"
    verbose_name = "Moderation"
