from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "kettle.notifications"
    label = "notifications"
    verbose_name = "Notifications"
