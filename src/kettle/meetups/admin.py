"""Staff tools: venues (with merging duplicates), meetups and their RSVPs, calendar feeds.
Merging goes through the action, so meetups move and the duplicate disappears everywhere."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError

from kettle.meetups import actions
from kettle.meetups.models import CalendarFeed, HostMessage, Meetup, MeetupComment, Rsvp, Series, Venue


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "place", "address", "organisation", "merged_into", "created_at")
    list_filter = ("kind", "pram_access", "baby_changing", "breastfeeding_friendly", "step_free", "parking")
    search_fields = ("name", "address", "place__name")
    raw_id_fields = ("place", "organisation", "created_by", "merged_into")
    readonly_fields = ("merged_into", "created_at")
    actions = ["merge_into_oldest"]

    @admin.action(description="Merge the selected duplicates into the oldest of them")
    def merge_into_oldest(self, request, queryset):
        venues = list(queryset.filter(merged_into=None).order_by("id"))
        if len(venues) < 2:
            self.message_user(request, "Choose at least two venues that haven't been merged.", messages.WARNING)
            return
        keep = venues[0]
        try:
            for duplicate in venues[1:]:
                actions.do_merge_venues(request.user, duplicate.id, keep.id)
        except (PermissionDenied, ValidationError) as error:
            self.message_user(request, str(error), messages.ERROR)
            return
        self.message_user(request, f"Merged {len(venues) - 1} into {keep}: their meetups moved across.")


class RsvpInline(admin.TabularInline):
    model = Rsvp
    raw_id_fields = ("member",)
    fields = ("member", "status", "first_timer", "waitlisted_at", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Meetup)
class MeetupAdmin(admin.ModelAdmin):
    """Read-mostly: RSVPs and counts change through the actions only, so they stay exact."""

    list_display = ("title", "kind", "starts_at", "venue", "host", "organisation", "group", "audience",
                    "going_count", "waitlist_count", "capacity", "cancelled_at")
    list_filter = ("kind", "audience", "requires_approval")
    search_fields = ("title", "description", "venue__name", "host__handle")
    raw_id_fields = ("host", "organisation", "group", "venue", "series")
    readonly_fields = ("going_count", "waitlist_count", "comment_count", "changes", "changed_at",
                       "reminded_day_for", "reminded_hour_for", "moved_from", "created_at", "description_html")
    date_hierarchy = "starts_at"
    inlines = [RsvpInline]


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ("id", "every_weeks", "sessions", "created_at")


@admin.register(MeetupComment)
class MeetupCommentAdmin(admin.ModelAdmin):
    list_display = ("meetup", "author", "created_at", "deleted_at")
    raw_id_fields = ("meetup", "author")
    search_fields = ("body",)


@admin.register(HostMessage)
class HostMessageAdmin(admin.ModelAdmin):
    list_display = ("meetup", "author", "created_at")
    raw_id_fields = ("meetup", "author")


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    """The token is a secret: staff see whether a feed is live, never its address."""

    list_display = ("member", "created_at", "revoked_at", "last_fetched_at")
    raw_id_fields = ("member",)
    exclude = ("token",)
    readonly_fields = ("member", "created_at", "last_fetched_at")
