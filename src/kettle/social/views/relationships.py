"""Follow and unfollow, follower lists, follow requests, blocks, mutes and removing a follower.

Every page finds the member through Member.objects.visible_to(viewer), so a private or
blocked profile is a 404 here exactly as it is on /@handle; lists show only members the
viewer may see. Lists are keyset-paginated and cost a fixed number of queries."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from kettle.accounts.models import Member
from kettle.core.pagination import MAX_LIMIT, keyset_page
from kettle.core.subqueries import count_of
from kettle.core.visibility import among
from kettle.social import actions
from kettle.social.follower_counts import follower_total, hidden_followers
from kettle.social.models import Block, Follow, FollowRequest, Mute
from kettle.social.views.helpers import back_to, partial_or_back, safe_next

PER_PAGE = MAX_LIMIT


# Reads shared with the profile page ------------------------------------------------------

def visible_member(viewer: Member | None, handle: str) -> Member:
    """The member behind /@handle, or 404 if this viewer may not see them."""
    return get_object_or_404(Member.objects.visible_to(viewer).with_profile(), handle=handle.lower())


def profile_member(viewer: Member | None, handle: str) -> Member:
    """The member for their profile page, in one query with what the page needs about the
    relationship: visible following count, followers hidden from this viewer, and whether
    the viewer follows, has asked to follow, or has muted them; then the follower count."""
    visible = Member.objects.visible_to(viewer)
    qs = Member.objects.visible_to(viewer).with_profile().annotate(
        following_count=count_of(Follow.objects.filter(among(visible, "followee"), follower=OuterRef("pk")),
                                 "follower"),
    )
    if viewer is not None:
        qs = qs.annotate(
            hidden_followers=hidden_followers(viewer),
            viewer_follows=Exists(Follow.objects.filter(follower=viewer, followee=OuterRef("pk"))),
            viewer_asked=Exists(FollowRequest.objects.filter(follower=viewer, followee=OuterRef("pk"))),
            viewer_muted=Exists(Mute.objects.filter(muter=viewer, muted=OuterRef("pk"))),
        )
    member = get_object_or_404(qs, handle=handle.lower())
    # Counted once for everyone and kept (kettle.social.follower_counts), less those a block hides.
    member.follower_count = (follower_total(member.id, public_only=viewer is None)
                             - getattr(member, "hidden_followers", 0))
    return member


def follow_state(viewer: Member | None, member: Member) -> str | None:
    """"following", "requested" or "none" for the follow button; None for no button. Uses the
    annotations from profile_member when present."""
    if viewer is None or viewer.id == member.id:
        return None
    follows = getattr(member, "viewer_follows", None)
    if follows is None:
        follows = Follow.objects.filter(follower=viewer, followee=member).exists()
    if follows:
        return actions.FollowState.FOLLOWING
    asked = getattr(member, "viewer_asked", None)
    if asked is None:
        asked = FollowRequest.objects.filter(follower=viewer, followee=member).exists()
    return actions.FollowState.REQUESTED if asked else actions.FollowState.NONE


def states_for(viewer: Member | None, members: list[Member]) -> dict[int, str]:
    """Follow states for a whole list of people in two queries."""
    if viewer is None or not members:
        return {}
    ids = [m.id for m in members]
    following = set(Follow.objects.filter(follower=viewer, followee_id__in=ids).values_list("followee_id", flat=True))
    asked = set(FollowRequest.objects.filter(follower=viewer, followee_id__in=ids)
                .values_list("followee_id", flat=True))
    return {m.id: (actions.FollowState.FOLLOWING if m.id in following else
                   actions.FollowState.REQUESTED if m.id in asked else actions.FollowState.NONE)
            for m in members if m.id != viewer.id}


# Helpers ---------------------------------------------------------------------------------

def before_param(request: HttpRequest, name: str = "before") -> int | None:
    try:
        value = int(request.GET.get(name, ""))
    except ValueError:
        return None
    return value if value > 0 else None


def _button(request: HttpRequest, member: Member, state: str, message: str) -> HttpResponse:
    """The follow button in its new state for htmx; otherwise `message` and back to the page."""
    return partial_or_back(request, "social/follow_button.html",
                           {"person": member, "state": state, "next_url": safe_next(request, member.url)},
                           default=member.url, message=message)


def _row_done(request: HttpRequest, person: Member, words: str, *, default: str) -> HttpResponse:
    """A follower or request row, answered: htmx replaces it with `words`; otherwise the same
    words as a message, and back to the list."""
    return partial_or_back(request, "social/follow_row_done.html", {"person": person, "words": words},
                           default=default, message=f"{person.display_name} {words}")


# Follow and unfollow -------------------------------------------------------------------------

@login_required
@require_POST
def follow(request: HttpRequest, handle: str) -> HttpResponse:
    member = visible_member(request.member, handle)
    try:
        state = actions.do_follow(request.member, member)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return back_to(request, member.url)
    message = (f"We've asked {member.display_name}. You'll follow them once they say yes."
               if state == actions.FollowState.REQUESTED else f"You're following {member.display_name}.")
    return _button(request, member, state, message)


@login_required
@require_POST
def unfollow(request: HttpRequest, handle: str) -> HttpResponse:
    member = visible_member(request.member, handle)
    actions.do_unfollow(request.member, member)
    return _button(request, member, actions.FollowState.NONE, f"You've stopped following {member.display_name}.")


# Lists -----------------------------------------------------------------------------------------

def _people_page(request: HttpRequest, member: Member, rows, person_field: str, which: str) -> HttpResponse:
    page = keyset_page(rows.select_related(f"{person_field}__profile"), before=before_param(request), limit=PER_PAGE)
    people = [getattr(row, person_field) for row in page.items]
    viewer = request.member
    context = {
        "member": member, "profile": member.profile, "people": people, "page": page, "which": which,
        "states": states_for(viewer, people), "is_me": viewer is not None and viewer.id == member.id,
    }
    template = "social/follow_list_items.html" if request.htmx else "social/follow_list.html"
    return render(request, template, context)


def followers(request: HttpRequest, handle: str) -> HttpResponse:
    member = visible_member(request.member, handle)
    rows = Follow.objects.filter(followee=member, follower__in=Member.objects.visible_to(request.member))
    return _people_page(request, member, rows, "follower", "followers")


def following(request: HttpRequest, handle: str) -> HttpResponse:
    member = visible_member(request.member, handle)
    rows = Follow.objects.filter(follower=member, followee__in=Member.objects.visible_to(request.member))
    return _people_page(request, member, rows, "followee", "following")


@login_required
@require_POST
def remove_follower(request: HttpRequest, member_id: int) -> HttpResponse:
    person = get_object_or_404(Member.objects.visible_to(request.member).with_profile(), id=member_id)
    actions.do_remove_follower(request.member, person.id)
    return _row_done(request, person, "no longer follows you. They won't be told.",
                     default=reverse("social:followers", kwargs={"handle": request.member.handle}))


# Follow requests ---------------------------------------------------------------------------

@login_required
def follow_requests(request: HttpRequest) -> HttpResponse:
    me = request.member
    rows = (FollowRequest.objects.filter(followee=me, follower__in=Member.objects.visible_to(me))
            .select_related("follower__profile", "follower__profile__place"))
    page = keyset_page(rows, before=before_param(request), limit=PER_PAGE)
    return render(request, "social/follow_requests.html", {
        "requests": page.items, "page": page, "is_locked": me.profile.is_locked})


@login_required
@require_POST
def answer_follow_request(request: HttpRequest, member_id: int, approve: bool) -> HttpResponse:
    """Say yes (approve) or no to a follow request; the URL says which."""
    person = get_object_or_404(Member.objects.visible_to(request.member).with_profile(), id=member_id)
    if approve:
        actions.do_approve_follow_request(request.member, person.id)
        words = "now follows you."
    else:
        actions.do_decline_follow_request(request.member, person.id)
        words = "won't follow you. They won't be told you said no."
    return _row_done(request, person, words, default="social:follow_requests")


# Block and mute --------------------------------------------------------------------------

# what: (the action, the word for what it did, where to go afterwards; None is their profile)
_BLOCK_OR_MUTE = {
    "block": (actions.do_block, "blocked", "social:blocked"),
    "mute": (actions.do_mute, "muted", None),
}


@login_required
def block_or_mute(request: HttpRequest, handle: str, what: str) -> HttpResponse:
    """GET explains what blocking (or muting; the URL says which) does; POST does it."""
    member = visible_member(request.member, handle)
    if member.id == request.member.id:
        return redirect(member.url)
    if request.method == "POST":
        action, done, then = _BLOCK_OR_MUTE[what]
        action(request.member, member)
        messages.success(request, f"You've {done} {member.display_name}. They won't be told.")
        return redirect(then or member.url)
    return render(request, "social/relationships_confirm.html", {"member": member, "what": what})


@login_required
@require_POST
def unblock(request: HttpRequest, member_id: int) -> HttpResponse:
    row = get_object_or_404(Block.objects.select_related("blocked__profile"), blocker=request.member,
                            blocked_id=member_id)
    actions.do_unblock(request.member, int(member_id))
    messages.success(request, f"You've unblocked {row.blocked.display_name}.")
    return back_to(request, "social:blocked")


@login_required
@require_POST
def unmute(request: HttpRequest, member_id: int) -> HttpResponse:
    row = get_object_or_404(Mute.objects.select_related("muted__profile"), muter=request.member, muted_id=member_id)
    actions.do_unmute(request.member, int(member_id))
    messages.success(request, f"You've unmuted {row.muted.display_name}.")
    return back_to(request, "social:blocked")


@login_required
def blocked(request: HttpRequest) -> HttpResponse:
    """My blocks and mutes, each list paginated on its own."""
    me = request.member
    blocks = keyset_page(Block.objects.filter(blocker=me).select_related("blocked__profile"),
                         before=before_param(request, "blocks_before"), limit=PER_PAGE)
    # Someone who blocked me is invisible to me, even if I muted them earlier.
    mutes = keyset_page(Mute.objects.filter(muter=me, muted__in=Member.objects.visible_to(me))
                        .select_related("muted__profile"), before=before_param(request, "mutes_before"),
                        limit=PER_PAGE)
    return render(request, "social/relationships_blocked.html", {
        "blocks": blocks, "mutes": mutes, "section": "blocked"})
