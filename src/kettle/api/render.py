"""Answering with output we built ourselves, as ninja would, minus a second validation.

Ninja validates what an endpoint returns against its response schema, walking every nested
object attribute by attribute. For a page of twenty posts that cost more than the page's
queries. The hot lists build their output with `model_construct` from typed code (see
kettle.social.schemas) and answer through `rendered()`: the same JSON, the same renderer.
Their response schemas stay declared for the OpenAPI document, and tests hold each answer
to its schema."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Schema


def rendered(request: HttpRequest, out: Schema, *, status: int = 200) -> HttpResponse:
    from kettle.api.root import api  # the API imports the routers that import this

    body = api.renderer.render(request, out.model_dump(), response_status=status)
    return HttpResponse(body, status=status, content_type=api.renderer.media_type)
