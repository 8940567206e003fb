"""Small pieces the post, timeline and relationship pages share."""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from kettle.social.models import Post
from kettle.social.timelines import PostCard, cards_for


def before_param(request: HttpRequest) -> int | None:
    """The keyset cursor from ?before=; anything that isn't a positive id means the first page."""
    raw = request.GET.get("before", "")
    return int(raw) if raw.isdigit() and 0 < int(raw) < 2**63 else None


def safe_next(request: HttpRequest, default: str) -> str:
    """Where a plain form post goes back to: the page it came from, if it is one of ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return default


def back_to(request: HttpRequest, default: str, anchor: str = "") -> HttpResponseRedirect:
    """Redirect to the form's safe `next`, else to `default` (a path or a URL name)."""
    target = safe_next(request, resolve_url(default))
    if anchor and "#" not in target:
        target += f"#{anchor}"
    return HttpResponseRedirect(target)


def partial_or_back(request: HttpRequest, template: str, context: dict, *, default: str, message: str = "",
                    anchor: str = "") -> HttpResponse:
    """How a small POST form answers: htmx swaps in the partial; a plain form post gets `message`
    (if any) and goes back to the page it came from (see back_to)."""
    if request.htmx:
        return render(request, template, context)
    if message:
        messages.success(request, message)
    return back_to(request, default, anchor=anchor)


def card_for(post: Post, viewer) -> PostCard:
    return cards_for([post], viewer)[0]


def member_required(view):
    """login_required, except that an htmx request (a reaction button on a page left open
    after the session ended) sends the whole page to the login form instead of swapping the
    login form into the button's place."""
    wrapped = login_required(view)

    @wraps(view)
    def inner(request: HttpRequest, *args, **kwargs):
        if request.member is None and request.htmx:
            back = request.htmx.current_url_abs_path or "/"
            response = HttpResponse(status=204)
            response["HX-Redirect"] = f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': back})}"
            return response
        return wrapped(request, *args, **kwargs)

    return inner
