"""A member's profile page at /@handle."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kettle.accounts.queries import children_visible_to, children_with_stages
from kettle.core.places import distance_band
from kettle.social import timelines
from kettle.social.views.relationships import before_param, follow_state, profile_member


def profile(request: HttpRequest, handle: str) -> HttpResponse:
    viewer = request.member
    member = profile_member(viewer, handle)
    profile = member.profile
    is_me = viewer is not None and viewer.id == member.id
    band = None
    if viewer is not None and not is_me:
        band = distance_band(viewer.profile.place, profile.place)
    return render(request, "accounts/profile.html", {
        "member": member,
        "profile": profile,
        "interests": list(profile.interests.all()),
        "children": children_with_stages(children_visible_to(viewer, member)),
        "is_me": is_me,
        "band": band,
        "state": follow_state(viewer, member),
        "muted": bool(getattr(member, "viewer_muted", False)),
        "followers": member.follower_count,
        "following": member.following_count,
        "page": timelines.profile_posts(viewer, member, before=before_param(request)),
    })
