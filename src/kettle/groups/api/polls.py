"""Polls: reading one (counts hidden until the viewer may see results), voting, changing or
taking back a vote, closing early, who voted (when the author chose to show it), and the CSV
export for the author and the group's moderators. A poll on a post the viewer may not see is a
404, and so is everything about it."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Query, Router, Status
from pydantic import Field

from kettle.accounts.models import Member
from kettle.api.auth import optional_auth
from kettle.api.pagination import PageParams
from kettle.core.pagination import keyset_page
from kettle.groups import actions
from kettle.groups.api.schemas import PollVoterOut, PollVoterPageOut, VoteIn
from kettle.groups.models import PollChoice, PollVote
from kettle.groups.polls import PollView, poll_view, results_csv
from kettle.social.api.common import ObjectId, viewer_of
from kettle.social.models import Post
from kettle.social.schemas import AuthorOut, PollOut

router = Router(tags=["polls"])


class VoterQuery(PageParams):
    option: int | None = Field(None, ge=1, le=2**63 - 1, description="Only the people who chose this option.")


def _view(viewer: Member | None, poll_id: int) -> PollView:
    """The poll as this viewer may see it; a poll on a post they may not see is a 404."""
    post = Post.objects.visible_to(viewer).for_display().filter(poll__id=poll_id).first()
    view = poll_view(post, viewer) if post is not None else None
    if view is None:
        raise Http404("No such poll.")
    return view


@router.get("/polls/{poll_id}", response=PollOut, auth=optional_auth,
            summary="A poll: counts show once you have voted, or once it closes")
def get_poll(request: HttpRequest, poll_id: ObjectId):
    viewer = viewer_of(request)
    return PollOut.of(_view(viewer, poll_id))


@router.post("/polls/{poll_id}/votes", response={200: PollOut, 201: PollOut},
             summary="Vote, or change your vote until the poll closes")
def vote(request: HttpRequest, poll_id: ObjectId, data: VoteIn):
    had_voted = PollVote.objects.filter(poll_id=poll_id, member=request.member).exists()
    actions.do_vote(request.member, poll_id, data.options)
    return Status(200 if had_voted else 201, PollOut.of(_view(request.member, poll_id)))


@router.delete("/polls/{poll_id}/votes", response=PollOut, summary="Take your vote back while the poll is open")
def retract_vote(request: HttpRequest, poll_id: ObjectId):
    actions.do_retract_vote(request.member, poll_id)
    return PollOut.of(_view(request.member, poll_id))


@router.post("/polls/{poll_id}/close", response=PollOut,
             summary="Close your poll early; the people who voted hear of it")
def close_poll(request: HttpRequest, poll_id: ObjectId):
    actions.do_close_poll(request.member, poll_id)
    return PollOut.of(_view(request.member, poll_id))


@router.get("/polls/{poll_id}/voters", response=PollVoterPageOut, auth=optional_auth,
            summary="Who voted for what, newest vote first: only for \"show who voted\" polls, once you may see "
                    "the results")
def voters(request: HttpRequest, poll_id: ObjectId, query: Query[VoterQuery]):
    viewer = viewer_of(request)
    view = _view(viewer, poll_id)
    if not (view.poll.show_voters and view.results_visible):
        raise Http404("No such list.")
    choices = PollChoice.objects.filter(poll=view.poll, vote__member__in=Member.objects.visible_to(viewer))
    if query.option is not None:
        choices = choices.filter(option_id=query.option)
    found = keyset_page(choices.select_related("vote__member__profile"), before=query.before, limit=query.limit)
    return PollVoterPageOut(items=[PollVoterOut(id=c.id, option_id=c.option_id, member=AuthorOut.of(c.vote.member))
                                   for c in found.items], next_before=found.next_before)


CSV_RESPONSE = {"responses": {200: {"description": "The results as CSV: option, votes, percent (and, for "
                                                   "\"show who voted\" polls, one line per vote).",
                                    "content": {"text/csv": {"schema": {"type": "string"}}}}}}


@router.get("/polls/{poll_id}/results.csv", openapi_extra=CSV_RESPONSE,
            summary="Export a poll's results as CSV (its author and the group's moderators)")
def export_results(request: HttpRequest, poll_id: ObjectId):
    view = _view(request.member, poll_id)
    if not view.can_export:
        raise Http404("No such export.")
    response = HttpResponse(results_csv(view), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="poll-{view.poll.id}-results.csv"'
    return response
