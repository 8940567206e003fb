"""API endpoints of the core app: the place picker."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from kettle.api.auth import optional_auth
from kettle.core.models import Place
from kettle.core.places import home_country, search_places

router = Router(tags=["places"])


class PlaceOut(Schema):
    id: int
    name: str
    region: str
    country: str
    label: str

    @staticmethod
    def of(place: Place) -> PlaceOut:
        return PlaceOut(id=place.id, name=place.name, region=place.region, country=place.country_name,
                        label=place.label)


class PlaceQuery(Schema):
    q: str = Field(..., min_length=2, max_length=100, description="The start of a town or village name.")


@router.get("/places", response=list[PlaceOut], auth=optional_auth, summary="Find places by name")
def places(request: HttpRequest, query: Query[PlaceQuery]):
    return [PlaceOut.of(place) for place in search_places(query.q, prefer_country=home_country(request.member))]
