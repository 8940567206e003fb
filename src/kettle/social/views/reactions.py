"""Reactions and bookmarks: small POST forms under every post. htmx swaps the post's action
bar in place; without JavaScript the form posts and comes back to the same spot. Each view
both adds and takes back; the URL says which (`on`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST

from kettle.social import actions
from kettle.social.models import Post
from kettle.social.views.helpers import card_for, member_required, partial_or_back, safe_next


def _answer(request: HttpRequest, post_id: int) -> HttpResponse:
    post = get_object_or_404(Post.objects.visible_to(request.member).for_display(), id=post_id)
    return partial_or_back(request, "social/_post_actions.html",
                           {"card": card_for(post, request.member), "back": safe_next(request, post.url)},
                           default=post.url, anchor=f"post-{post.id}")


@member_required
@require_POST
def react(request: HttpRequest, post_id: int, on: bool) -> HttpResponse:
    try:
        (actions.do_react if on else actions.do_unreact)(request.member, post_id, request.POST.get("kind", ""))
    except ValidationError:
        return HttpResponseBadRequest("Choose a hug, a me too or helpful.")
    return _answer(request, post_id)


@member_required
@require_POST
def bookmark(request: HttpRequest, post_id: int, on: bool) -> HttpResponse:
    (actions.do_bookmark if on else actions.do_unbookmark)(request.member, post_id)
    return _answer(request, post_id)
