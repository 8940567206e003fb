from django.contrib import admin

from kettle.core.models import Place


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ("name", "region", "country_name", "population", "timezone")
    search_fields = ("search_name",)
    list_filter = ("country_code",)
