"""Times show in the member's own time zone, taken from their place."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from kettle.accounts import actions
from kettle.core.middleware import MemberMiddleware
from tests.factories import PlaceFactory, make_member


def _zone_seen_by(member):
    request = RequestFactory().get("/")
    request.user = member

    def view(request):
        return HttpResponse(timezone.get_current_timezone_name())

    return MemberMiddleware(view)(request).content.decode()


@pytest.mark.django_db
def test_a_member_in_new_zealand_sees_new_zealand_time():
    place = PlaceFactory(name="Nelson", country_code="NZ", country_name="New Zealand", timezone="Pacific/Auckland",
                         latitude=-41.27, longitude=173.28)
    member = make_member("kiri")
    actions.do_update_profile(member, place_id=place.id)
    assert _zone_seen_by(member) == "Pacific/Auckland"


@pytest.mark.django_db
def test_a_member_without_a_place_sees_the_site_default_zone(settings):
    member = make_member("noplace")
    assert _zone_seen_by(member) == settings.TIME_ZONE
