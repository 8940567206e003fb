"""The fixed cost of the stack: a page that does nothing, through every middleware."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse


def hello(request: HttpRequest) -> HttpResponse:
    # MemberMiddleware has already loaded the session, the member and their time zone,
    # just as it does before every real page.
    name = request.member.handle if request.member is not None else "there"
    return HttpResponse(f"Hello, {name}.", content_type="text/plain")
