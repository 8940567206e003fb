from django.urls import path

from kettle.moderation import views

app_name = "moderation"

urlpatterns = [
    path("new", views.report, name="report"),
    path("thanks", views.report_done, name="report_done"),
]
