"""The moderators' side of a group: the queue (requests to join with their answers, posts
waiting for approval), pins, and what they can do to members. A 404 to everyone else."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods, require_POST

from kettle.accounts.models import Member
from kettle.groups import actions
from kettle.groups.models import Membership
from kettle.groups.views.common import moderating, try_action
from kettle.social.models import Post
from kettle.social.timelines import cards_for

QUEUE_SHOWN = 50


@login_required
def queue(request: HttpRequest, slug: str) -> HttpResponse:
    found = moderating(request, slug)
    requests = list(Membership.objects.filter(group=found.group, state=Membership.State.PENDING,
                                              member__in=Member.objects.visible_to(request.member))
                    .select_related("member__profile").order_by("id")[:QUEUE_SHOWN])
    held = list(Post.objects.filter(group=found.group, held_at__isnull=False, deleted_at=None,
                                    author__is_active=True).for_display().order_by("id")[:QUEUE_SHOWN])
    # Answers pair with the questions as they are now; a question added since has no answer.
    paired = [(r, list(zip(found.group.questions, r.answers, strict=False))) for r in requests]
    return render(request, "groups/site/queue.html", {
        "st": found, "group": found.group, "membership": found.membership, "moderator": True,
        "requests": paired, "held": cards_for(held, request.member), "nav": "groups"})


@login_required
@require_POST
def answer_request(request: HttpRequest, slug: str, member_id: int, answer: str) -> HttpResponse:
    found = moderating(request, slug)
    if answer not in ("approve", "decline"):
        raise Http404("No such answer.")
    action = actions.do_approve_request if answer == "approve" else actions.do_decline_request
    done = "Approved: they're in, and we've told them." if answer == "approve" else "Declined. They aren't told."
    return try_action(request, action, request.member, found.group.id, member_id, done=done,
                      back=reverse("groups:queue", kwargs={"slug": slug}))


@login_required
@require_POST
def review_post(request: HttpRequest, slug: str, post_id: int, answer: str) -> HttpResponse:
    found = moderating(request, slug)
    if answer not in ("approve", "decline"):
        raise Http404("No such answer.")
    action = actions.do_approve_post if answer == "approve" else actions.do_decline_post
    done = "Approved: it's in the group now." if answer == "approve" else "Declined: the post is removed."
    return try_action(request, action, request.member, found.group.id, post_id, done=done,
                      back=reverse("groups:queue", kwargs={"slug": slug}))


@login_required
@require_POST
def pin(request: HttpRequest, slug: str, post_id: int) -> HttpResponse:
    found = moderating(request, slug)
    pinned = request.POST.get("pinned") != "0"
    return try_action(request, actions.do_pin_post, request.member, found.group.id, post_id, pinned=pinned,
                      done="Pinned to the top of the group." if pinned else "Unpinned.", back=found.group.url)


MEMBER_ACTIONS = {
    "remove": (actions.do_remove_member, "Removed. They can ask to join again; ban them to keep them out."),
    "ban": (actions.do_ban_member, "Banned. They can't see private posts, ask to join or be invited."),
    "unban": (actions.do_unban_member, "Unbanned. They can ask to join again."),
    "owner": (actions.do_transfer_ownership, "Done: they own the group now, and you stay on as a moderator."),
}
CONFIRM = {"ban", "owner"}


@login_required
@require_http_methods(["GET", "POST"])
def member_action(request: HttpRequest, slug: str, member_id: int, what: str) -> HttpResponse:
    """Remove, ban, unban, make moderator or member, make owner. Ban and owner ask first."""
    found = moderating(request, slug)
    if what not in (*MEMBER_ACTIONS, "moderator", "member"):
        raise Http404("No such action.")
    person = Member.objects.visible_to(request.member).with_profile().filter(id=member_id).first()
    if person is None:
        raise Http404("No such member.")
    members_page = reverse("groups:members", kwargs={"slug": slug})
    if request.method == "GET":
        if what not in CONFIRM:
            return redirect(members_page)
        return render(request, "groups/site/member_confirm.html", {
            "st": found, "group": found.group, "membership": found.membership, "moderator": True,
            "person": person, "what": what, "nav": "groups"})
    if what in ("moderator", "member"):
        done = "They're a moderator now." if what == "moderator" else "They're an ordinary member again."
        return try_action(request, actions.do_set_role, request.member, found.group.id, member_id, what, done=done,
                          back=members_page)
    action, done = MEMBER_ACTIONS[what]
    return try_action(request, action, request.member, found.group.id, member_id, done=done, back=members_page)


urlpatterns = [
    path("groups/<slug:slug>/queue", queue, name="queue"),
    path("groups/<slug:slug>/requests/<int:member_id>/<str:answer>", answer_request, name="answer_request"),
    path("groups/<slug:slug>/posts/<int:post_id>/review/<str:answer>", review_post, name="review_post"),
    path("groups/<slug:slug>/posts/<int:post_id>/pin", pin, name="pin"),
    path("groups/<slug:slug>/members/<int:member_id>/<str:what>", member_action, name="member_action"),
]
