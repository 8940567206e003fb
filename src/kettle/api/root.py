"""The API root: /api/v1, with OpenAPI at /api/v1/openapi.json and docs at /api/v1/docs.
Each app contributes its router from <app>/api.py."""

from __future__ import annotations

from ninja import NinjaAPI

from kettle.api import errors
from kettle.api.auth import member_auth

api = NinjaAPI(
    title="Kettle API",
    version="1",
    description="Kettle's JSON API. Authenticate with your browser session (send the CSRF token "
                "on writes) or a personal access token: `Authorization: Bearer <token>`.",
    auth=member_auth,
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
errors.install(api)


def _mount() -> None:
    from kettle.accounts.api import router as accounts_router
    from kettle.core.api import router as core_router
    from kettle.groups.api import router as groups_router
    from kettle.meetups.api import router as meetups_router
    from kettle.moderation.api import router as moderation_router
    from kettle.notifications.api import router as notifications_router
    from kettle.social.api import router as social_router

    api.add_router("", accounts_router)
    api.add_router("", core_router)
    api.add_router("", social_router)
    api.add_router("", groups_router)
    api.add_router("", meetups_router)
    api.add_router("", notifications_router)
    api.add_router("", moderation_router)


_mount()
