"""What the group pages share: finding the group as this viewer may see it, the viewer's
place in it, and turning an action's refusal into words on the page."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from kettle.groups.access import visible_group
from kettle.groups.actions.membership import _is_owner_like
from kettle.groups.clubs import matches_club
from kettle.groups.models import Group, Membership
from kettle.groups.queries import can_moderate, membership_of
from kettle.social.views.helpers import back_to


@dataclass
class Standing:
    """The viewer's place in a group, as every group page shows it."""

    group: Group
    membership: Membership | None
    moderator: bool
    viewer: object | None = None

    @property
    def active(self) -> bool:
        return self.membership is not None and self.membership.is_active

    @property
    def readable(self) -> bool:
        return self.group.is_public or self.active or self.moderator

    @property
    def state(self) -> str:
        return self.membership.state if self.membership is not None else "none"

    @cached_property
    def joins_straight_in(self) -> bool:
        """Joining needs nobody's say-so: a public group, or a due-month club for the viewer's own month."""
        if self.group.is_public:
            return True
        return self.state == "none" and self.group.is_club and self.viewer is not None \
            and matches_club(self.viewer, self.group)


def standing(request: HttpRequest, slug: str) -> Standing:
    """The group at /groups/<slug> if this viewer may know of it (else 404), and their place in it."""
    group = visible_group(request.member, slug)
    viewer = request.member
    return Standing(group=group, membership=membership_of(viewer, group), moderator=can_moderate(viewer, group),
                    viewer=viewer)


def moderating(request: HttpRequest, slug: str) -> Standing:
    """Moderators' pages are a 404 to everyone else: to them the page does not exist."""
    found = standing(request, slug)
    if not found.moderator:
        raise Http404("No such page.")
    return found


def runs_group(viewer, group: Group) -> bool:
    """The owner (or an admin of the owning organisation, or staff for a site club): who may
    choose moderators and hand the group on. The same rule the actions apply."""
    return viewer is not None and _is_owner_like(viewer, group)


def refusal(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or "You can't do that here."


def try_action(request: HttpRequest, action, *args, done: str = "", back: str = "/", **kwargs
               ) -> HttpResponse:
    """Run a small form's action and say what happened (or why not). A plain form goes back
    to the page; htmx swaps the words in where the form's row was."""
    try:
        action(*args, **kwargs)
    except (ValidationError, PermissionDenied, Http404) as error:
        ok, words = False, refusal(error)
    else:
        ok, words = True, done
    if request.htmx:
        return render(request, "groups/site/_outcome.html", {"ok": ok, "words": words or "Done."})
    if words:
        (messages.success if ok else messages.error)(request, words)
    return back_to(request, back)
