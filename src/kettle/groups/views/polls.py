"""Polls under posts: voting, changing or taking back a vote, the author closing it early, who
voted (for "show who voted" polls) and the CSV export.

Each POST answers htmx with the poll alone, swapped in place; a plain form post goes back to
the page it came from, or (on an error) shows the post with the error beside its poll. A poll
on a post the viewer may not see is a 404 everywhere, whatever they ask of it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET, require_POST

from kettle.groups import actions
from kettle.groups.polls import results_csv, voters_by_option
from kettle.social.models import Post
from kettle.social.timelines import PostCard
from kettle.social.views.helpers import back_to, card_for, member_required, safe_next


def poll_post(request: HttpRequest, poll_id: int) -> Post:
    """The post carrying this poll, if the viewer may see it (the one read policy)."""
    post = Post.objects.visible_to(request.member).for_display().filter(poll__id=poll_id).first()
    if post is None:
        raise Http404("No such poll.")
    return post


def poll_card(request: HttpRequest, poll_id: int) -> PostCard:
    post = poll_post(request, poll_id)
    card = card_for(post, request.member)
    if card.poll is None:  # the post is there, its poll isn't (never expected)
        raise Http404("No such poll.")
    return card


def answer(request: HttpRequest, poll_id: int, *, done: str = "", error: str = "") -> HttpResponse:
    """The poll as it now stands: swapped in place for htmx; otherwise back to the page (with
    `done` said), or the post with `error` beside its poll."""
    card = poll_card(request, poll_id)
    context = {"card": card, "back": safe_next(request, card.post.url), "poll_errors": {poll_id: error}}
    if request.htmx:
        return render(request, "groups/_poll.html", context)
    if error:
        return render(request, "groups/poll_error.html", context, status=400)
    if done:
        messages.success(request, done)
    return back_to(request, card.post.url, anchor=f"poll-{poll_id}")


def refusal(error: Exception) -> str:
    """An action's refusal in words."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or "You can't do that here."


def chosen_options(request: HttpRequest) -> list[int] | None:
    """The option ids sent; None if any isn't a number at all."""
    raw = request.POST.getlist("options")
    if any(not value.isdigit() or len(value) > 18 for value in raw):
        return None
    return [int(value) for value in raw]


@member_required
@require_POST
def vote(request: HttpRequest, poll_id: int) -> HttpResponse:
    poll_post(request, poll_id)
    options = chosen_options(request)
    if options is None:
        return answer(request, poll_id, error="That option isn't part of this poll.")
    try:
        actions.do_vote(request.member, poll_id, options)
    except (ValidationError, PermissionDenied) as error:
        return answer(request, poll_id, error=refusal(error))
    return answer(request, poll_id, done="Thanks for voting.")


@member_required
@require_POST
def retract_vote(request: HttpRequest, poll_id: int) -> HttpResponse:
    poll_post(request, poll_id)  # not seeing the poll is a 404 before anything else
    try:
        actions.do_retract_vote(request.member, poll_id)
    except (ValidationError, PermissionDenied) as error:
        return answer(request, poll_id, error=refusal(error))
    except Http404:
        return answer(request, poll_id, error="You haven't voted in this poll.")
    return answer(request, poll_id, done="Your vote is taken back. You can vote again while the poll is open.")


@member_required
@require_POST
def close_poll(request: HttpRequest, poll_id: int) -> HttpResponse:
    poll_post(request, poll_id)
    try:
        actions.do_close_poll(request.member, poll_id)
    except (ValidationError, PermissionDenied) as error:
        return answer(request, poll_id, error=refusal(error))
    return answer(request, poll_id, done="The poll is closed. Everyone who voted will hear the results are in.")


@require_GET
def poll_voters(request: HttpRequest, poll_id: int) -> HttpResponse:
    """Who chose what, for a "show who voted" poll whose results the viewer may see."""
    card = poll_card(request, poll_id)
    view = card.poll
    if not (view.poll.show_voters and view.results_visible):
        raise Http404("No such list.")
    by_option = voters_by_option(view, request.member)
    return render(request, "groups/poll_voters.html", {
        "card": card, "post": card.post, "view": view,
        "rows": [(result, by_option.get(result.option.id, [])) for result in view.options],
    })


@require_GET
def poll_csv(request: HttpRequest, poll_id: int) -> HttpResponse:
    """The results as a spreadsheet: for the poll's author and the group's moderators only."""
    view = poll_card(request, poll_id).poll
    if not view.can_export:
        raise Http404("No such poll.")
    response = HttpResponse(results_csv(view), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="poll-{poll_id}-results.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


urlpatterns = [
    path("polls/<int:poll_id>/vote", vote, name="vote"),
    path("polls/<int:poll_id>/retract", retract_vote, name="retract_vote"),
    path("polls/<int:poll_id>/close", close_poll, name="close_poll"),
    path("polls/<int:poll_id>/voters", poll_voters, name="poll_voters"),
    path("polls/<int:poll_id>/results.csv", poll_csv, name="poll_csv"),
]
