"""The post lists answer with output built by `model_construct` and rendered without ninja's
second validation (kettle.api.render). Each answer must still be exactly what its declared
schema says: validating it again changes nothing, and a wrong type anywhere fails here."""

from __future__ import annotations

import json
import re
from datetime import datetime

import pytest
from django.core.cache import cache

from kettle.groups import actions as group_actions
from kettle.groups.actions import PollSpec
from kettle.social import actions
from kettle.social.schemas import PostPageOut, TagPageOut
from tests.factories import make_group, make_member
from tests.helpers import committed

pytestmark = pytest.mark.django_db
MOMENT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")


@pytest.fixture
def community(bea):
    """Everything a post in a list can carry: a poll voted in, a group, an anonymous post,
    a blog post, a content note, reactions and a bookmark."""
    reader = make_member("amara", is_public=True)
    group = make_group(bea, "Kesgrave Bumps", members=(reader,), allow_anonymous=True)
    committed(actions.do_follow, reader, bea)
    poll = committed(actions.do_create_post, bea, body="Tea or coffee? #nightfeeds",
                     poll=PollSpec(options=["Tea", "Coffee"])).poll
    group_actions.do_vote(reader, poll.id, [poll.options.get(position=0).id])
    committed(actions.do_create_post, bea, body="Anyone awake? #nightfeeds", group_id=group.id, anonymous=True)
    blog = committed(actions.do_create_post, bea, kind="blog", title="Week one", body="It was a lot. #nightfeeds",
                     content_note="birth story")
    actions.do_react(reader, blog.id, "hug")
    actions.do_bookmark(reader, blog.id)
    cache.clear()
    return reader


@pytest.mark.parametrize(("address", "schema"), [
    ("/api/v1/timelines/home", PostPageOut), ("/api/v1/timelines/local", PostPageOut),
    ("/api/v1/tags/nightfeeds", TagPageOut), ("/api/v1/search?q=nightfeeds", PostPageOut),
    ("/api/v1/bookmarks", PostPageOut), ("/api/v1/people/bea/posts", PostPageOut),
])
def test_each_list_answers_exactly_its_schema(community, api, address, schema):
    response = api(community).get(address)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/json")
    answer = response.json()
    assert answer["items"], "the list should not be empty"
    revalidated = json.loads(json.dumps(schema.model_validate(answer).model_dump(), default=_as_ninja_does))
    assert _instants(revalidated) == _instants(answer)


def test_a_poll_and_an_anonymous_post_keep_their_shape_in_the_home_list(community, api):
    items = api(community).get("/api/v1/timelines/home").json()["items"]
    poll = next(item["poll"] for item in items if item["poll"])
    assert poll["voted"] is True and [o["votes"] for o in poll["options"]] == [1, 0]
    assert poll["options"][0]["percent"] == 100 and poll["options"][0]["chosen"] is True
    anonymous = next(item for item in items if item["anonymous"])
    assert anonymous["author"] is None and anonymous["group"]["slug"] == "kesgrave-bumps"
    blog = next(item for item in items if item["kind"] == "blog")
    assert blog["my_reactions"] == ["hug"] and blog["bookmarked"] is True and blog["counts"]["hug"] == 1
    assert blog["created_at"].endswith("Z")


def _instants(value):
    """Moments compared as moments: the encoder writes milliseconds, so a time 500 µs past a
    second goes out as "...:03.000Z", is read back as :03 exactly and goes out again as
    "...:03Z" (one time in a thousand, the comparison failed on that alone)."""
    if isinstance(value, dict):
        return {key: _instants(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_instants(item) for item in value]
    if isinstance(value, str) and MOMENT.fullmatch(value):
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    return value


def _as_ninja_does(value):
    from ninja.responses import NinjaJSONEncoder

    return json.loads(json.dumps(value, cls=NinjaJSONEncoder))
