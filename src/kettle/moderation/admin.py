from django.contrib import admin

from kettle.moderation.models import Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("id", "reason", "target", "reported_member", "reporter", "status", "created_at")
    list_filter = ("status", "reason")
    raw_id_fields = ("reporter", "reported_member", "post", "comment")
    search_fields = ("text", "reported_member__handle", "reporter__handle")
    list_editable = ("status",)
