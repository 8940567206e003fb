from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kettle.accounts"
    label = "accounts"
    verbose_name = "Members and profiles"
