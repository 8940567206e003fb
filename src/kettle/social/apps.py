from django.apps import AppConfig


class SocialConfig(AppConfig):
    name = "kettle.social"
    label = "social"
    verbose_name = "Follows and posts"
