from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "kettle.groups"
    label = "groups"
    verbose_name = "Groups, organisations and polls"
