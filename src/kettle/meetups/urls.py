"""Meetup pages, venue pages and calendar files."""

from django.urls import path

from kettle.meetups.views import calendars, meetup_forms, meetup_pages, venues

app_name = "meetups"

urlpatterns = [
    path("meetups", meetup_pages.meetup_list, name="list"),
    path("meetups/mine", meetup_pages.my_meetups, name="mine"),
    path("meetups/new", meetup_forms.new_meetup, name="new"),
    path("meetups/calendar", calendars.calendar_settings, name="calendar"),
    path("meetups/calendar/change", calendars.calendar_change, name="calendar_change"),
    path("meetups/calendar/<str:token>.ics", calendars.calendar_feed, name="calendar_feed"),
    path("meetups/<int:meetup_id>", meetup_pages.meetup_page, name="meetup"),
    path("meetups/<int:meetup_id>.ics", calendars.meetup_ics, name="ics"),
    path("meetups/<int:meetup_id>/edit", meetup_forms.edit_meetup, name="edit"),
    path("meetups/<int:meetup_id>/cancel", meetup_forms.cancel_meetup, name="cancel"),
    path("meetups/<int:meetup_id>/rsvp", meetup_pages.rsvp, name="rsvp"),
    path("meetups/<int:meetup_id>/people/<int:member_id>", meetup_pages.decide, name="decide"),
    path("meetups/<int:meetup_id>/comments", meetup_pages.comment, name="comment"),
    path("meetups/comments/<int:comment_id>/delete", meetup_pages.delete_comment, name="delete_comment"),
    path("meetups/<int:meetup_id>/message", meetup_pages.message, name="message"),
    path("venues", venues.venue_list, name="venues"),
    path("venues/new", venues.new_venue, name="new_venue"),
    path("venues/<int:venue_id>", venues.venue_page, name="venue"),
    path("venues/<int:venue_id>/edit", venues.edit_venue, name="edit_venue"),
]
