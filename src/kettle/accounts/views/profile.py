"""A member's profile page at /@handle."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from kettle.accounts.models import Member
from kettle.accounts.queries import children_visible_to, children_with_stages
from kettle.core.places import distance_band


def profile(request: HttpRequest, handle: str) -> HttpResponse:
    viewer = request.member
    member = get_object_or_404(Member.objects.visible_to(viewer).with_profile(), handle=handle.lower())
    profile = member.profile
    band = None
    if viewer is not None and viewer.id != member.id:
        band = distance_band(viewer.profile.place, profile.place)
    return render(request, "accounts/profile.html", {
        "member": member,
        "profile": profile,
        "interests": list(profile.interests.all()),
        "children": children_with_stages(children_visible_to(viewer, member)),
        "is_me": viewer is not None and viewer.id == member.id,
        "band": band,
    })
