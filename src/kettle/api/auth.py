"""How API requests prove who they are: a bearer token, or the browser session with CSRF."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from kettle.accounts.auth import member_for_token


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        member = member_for_token(token)
        if member is not None:
            request.member = member
            request.user = member
        return member


class BrowserSession(SessionAuth):
    """The logged-in browser session; unsafe methods must carry the CSRF token."""

    def __call__(self, request: HttpRequest):
        # No session to ride on, so nothing for CSRF to protect: let the caller hear 401, not a CSRF error.
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, key):
        if request.user.is_authenticated:
            request.member = request.user
            return request.user
        return None


def anonymous(request: HttpRequest):
    """Lets a logged-out visitor through, unless they sent credentials that failed."""
    if request.headers.get("Authorization"):
        return None
    request.member = None
    return True


member_auth = [BearerToken(), BrowserSession()]
optional_auth = [BearerToken(), BrowserSession(), anonymous]
