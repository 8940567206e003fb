"""Pages that belong to no one app: home, the place picker, uploaded images, health."""

from __future__ import annotations

import mimetypes
import posixpath

from django.core.files.storage import default_storage
from django.db import connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from kettle.core.places import home_country, search_places

IMAGE_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".webp": "image/webp"}


def home(request: HttpRequest) -> HttpResponse:
    if request.member is None:
        return render(request, "core/landing.html")
    if request.member.onboarding_step is not None:
        return redirect("accounts:onboarding", step=request.member.onboarding_step)
    from kettle.social.views.timelines import home_page  # the home timeline and compose box

    return home_page(request)


@require_GET
def place_search(request: HttpRequest) -> HttpResponse:
    """The place picker's autocomplete: an htmx partial listing matching places."""
    query = (request.GET.get("q") or request.GET.get("place_q") or "")[:100]
    places = search_places(query, prefer_country=home_country(request.member))
    return render(request, "core/_place_options.html", {"places": places, "query": query,
                                                          "field": request.GET.get("field", "place")})


@require_GET
@cache_control(private=True, max_age=3600)
def media(request: HttpRequest, path: str) -> FileResponse:
    """Serve an uploaded image: only image types, never sniffed as HTML, sandboxed."""
    path = posixpath.normpath(path).lstrip("/")
    extension = posixpath.splitext(path)[1].lower()
    if path.startswith("..") or extension not in IMAGE_TYPES or not default_storage.exists(path):
        raise Http404("No such image.")
    response = FileResponse(default_storage.open(path, "rb"), content_type=IMAGE_TYPES[extension])
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Content-Disposition"] = "inline"
    return response


def favicon(request: HttpRequest) -> HttpResponse:
    return redirect(static("kettle/favicon.svg"), permanent=True)


def health(request: HttpRequest) -> JsonResponse:
    connection.ensure_connection()
    return JsonResponse({"status": "ok"})


mimetypes.add_type("image/webp", ".webp")
