from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from kettle.accounts.models import Child, Member, Role
from kettle.accounts.queries import children_visible_to
from kettle.core.demo import DEMO_PASSWORD, STAFF_EMAIL, build_demo, demo_logins
from kettle.core.models import Place
from kettle.core.places import cell_for, normalise
from kettle.social.models import Follow

SUFFOLK = [
    (2646057, "Ipswich", 178835, 52.059, 1.155),
    (6301921, "Kesgrave", 11020, 52.062, 1.236),
    (2633671, "Woodbridge", 11200, 52.093, 1.320),
    (2649579, "Felixstowe", 24521, 51.964, 1.351),
    # A second Hadleigh, in Essex and further from Ipswich, which the demo must not pick.
    (2647679, "Hadleigh", 18300, 51.553, 0.610),
    (2647678, "Hadleigh", 8150, 52.045, 0.953),
]
SIZE = 30


def make_places() -> None:
    Place.objects.bulk_create(
        Place(id=geoname_id, name=name, search_name=normalise(name), country_code="GB",
              country_name="United Kingdom", region="England", population=population,
              timezone="Europe/London", latitude=lat, longitude=lng, h3_cell=cell_for(lat, lng))
        for geoname_id, name, population, lat, lng in SUFFOLK
    )


@pytest.fixture
def demo(db):
    make_places()
    return build_demo(size=SIZE)


def test_the_demo_builds_the_requested_number_of_members_with_one_staff_account(demo):
    assert Member.objects.count() == SIZE
    assert demo.created == SIZE
    assert Member.objects.filter(is_staff=True).count() == 1
    assert Member.objects.get(is_staff=True).email == STAFF_EMAIL


def test_demo_members_include_dads_and_parents_to_be(demo):
    roles = set(Member.objects.values_list("profile__role", flat=True))
    assert {Role.MUM, Role.DAD, Role.PARENT_TO_BE} <= roles


def test_every_demo_member_lives_in_a_suffolk_place_in_gb(demo):
    members = Member.objects.select_related("profile__place")
    assert all(m.profile.place is not None and m.profile.place.country_code == "GB" for m in members)
    assert not Member.objects.filter(profile__place_id=2647679).exists()  # Essex's Hadleigh


def test_running_the_demo_again_changes_nothing(demo):
    counts = (Member.objects.count(), Child.objects.count(), Follow.objects.count())
    again = build_demo(size=SIZE)
    assert again.created == 0
    assert (Member.objects.count(), Child.objects.count(), Follow.objects.count()) == counts


def test_a_recorded_loss_is_never_shown_to_another_member(demo):
    lost = Child.objects.filter(loss_recorded_at__isnull=False).select_related("parent__profile")
    assert lost.exists()
    for child in lost:
        parent = child.parent
        other = Member.objects.exclude(id=parent.id).first()
        assert child not in children_visible_to(other, parent)
        assert child in children_visible_to(parent, parent)
    # At least one of them shares their other children with everyone, so the test means something.
    assert any(children_visible_to(Member.objects.exclude(id=c.parent_id).first(), c.parent)
               for c in lost)


def test_demo_members_can_log_in_with_the_shared_password(demo):
    assert authenticate(email="amara@demo.kettle.test", password=DEMO_PASSWORD) is not None
    assert authenticate(email=STAFF_EMAIL, password=DEMO_PASSWORD) is not None


def test_children_have_valid_due_dates_and_birth_months(demo):
    assert Child.objects.filter(due_date__isnull=False).exists()
    assert Child.objects.filter(birth_year__isnull=False, weeks_early__gt=0).exists()
    handles = list(Member.objects.values_list("handle", flat=True))
    assert len(handles) == len(set(handles))


def test_the_demo_command_prints_logins_and_if_empty_skips_a_second_build(db):
    make_places()
    out = StringIO()
    call_command("demo", size=20, force=True, stdout=out, verbosity=0)
    assert "Demo logins (password: kettle-demo-2026)" in out.getvalue()
    count = Member.objects.count()
    out = StringIO()
    call_command("demo", "--if-empty", "--force", stdout=out, verbosity=0)
    assert Member.objects.count() == count == 20
    assert "amara@demo.kettle.test" in out.getvalue()
    assert any(email == STAFF_EMAIL for email, _ in demo_logins())


@pytest.mark.django_db
def test_the_demo_refuses_to_build_in_production_without_force(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="KETTLE_DEBUG off"):
        call_command("demo", size=5, stdout=StringIO(), verbosity=0)
    assert not Member.objects.exists()
