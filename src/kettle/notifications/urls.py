from django.urls import path

from kettle.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("read/", views.mark_all_read, name="mark_all_read"),
    path("badge/", views.badge, name="badge"),
]
