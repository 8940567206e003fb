"""Request-wide pieces: who the member is, their time zone, and rate-limit answers."""

from __future__ import annotations

import zoneinfo

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from kettle.core.ratelimit import RateLimited


def too_many_requests(request: HttpRequest, error: RateLimited) -> HttpResponse:
    response = render(request, "core/429.html", {"message": error.message}, status=429)
    response["Retry-After"] = str(error.retry_after)
    return response


class MemberMiddleware:
    """Sets request.member (None when logged out) and shows times in the member's zone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        # The member itself, not the lazy wrapper around it: a page reads request.member
        # hundreds of times, and each read through the wrapper costs a Python call.
        request.member = getattr(user, "_wrapped", user) if user.is_authenticated else None
        zone = None
        if request.member is not None:
            zone = request.member.timezone_name
        if zone:
            try:
                timezone.activate(zoneinfo.ZoneInfo(zone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, RateLimited):
            return too_many_requests(request, exception)
        return None
