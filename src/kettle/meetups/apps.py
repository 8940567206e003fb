from django.apps import AppConfig


class MeetupsConfig(AppConfig):
    name = "kettle.meetups"
    label = "meetups"
    verbose_name = "Meetups, venues and RSVPs"
