"""link() must always give what reverse() gives, only faster."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from kettle.core.links import SENTINEL, ResolvedOnce, link


@pytest.mark.parametrize(("name", "kwargs"), [
    ("social:react", {"post_id": 41}),
    ("social:react", {"post_id": 0}),
    ("social:post", {"handle": "ama_77", "post_id": 12}),
    ("groups:post", {"slug": "ipswich-bumps", "post_id": 9}),
    ("profile", {"handle": "rob_1759"}),
    ("groups:group", {"slug": "due-in-may-2027"}),
    ("home", {}),
])
def test_link_gives_what_reverse_gives(name, kwargs):
    assert link(name, **kwargs) == reverse(name, kwargs=kwargs or None)
    assert link(name, **kwargs) == reverse(name, kwargs=kwargs or None)  # and again, from the cache


def test_each_number_lands_in_its_own_place():
    first, second = link("social:post", handle="ama", post_id=5), link("social:post", handle="ama", post_id=6)
    assert first.endswith("/5") and second.endswith("/6")
    assert link("social:post", handle="bea", post_id=5) == reverse("social:post", kwargs={"handle": "bea",
                                                                                   "post_id": 5})


def test_what_reverse_refuses_link_refuses():
    with pytest.raises(NoReverseMatch):
        link("social:post", handle="not/a/handle", post_id=5)
    with pytest.raises(NoReverseMatch):
        link("social:react", post_id=-1)
    assert link("social:react", post_id=SENTINEL + 5) == reverse("social:react", kwargs={"post_id": SENTINEL + 5})


def test_a_script_prefix_is_kept_apart():
    plain = link("social:react", post_id=3)
    set_script_prefix("/kettle/")
    try:
        assert link("social:react", post_id=3) == "/kettle" + plain
    finally:
        set_script_prefix("/")


def test_a_request_reads_its_script_prefix_once_and_the_next_request_afresh():
    seen = []

    def view(request):
        seen.append(link("social:react", post_id=4))
        set_script_prefix("/kettle/")  # not the way prefixes change, but shows when they are read
        seen.append(link("social:react", post_id=5))
        return "a response"

    try:
        assert ResolvedOnce(view)(None) == "a response"
        assert seen == ["/posts/4/react", "/posts/5/react"]
        assert link("social:react", post_id=6) == "/kettle/posts/6/react"  # outside a request: read each time
        seen.clear()
        ResolvedOnce(view)(None)
        assert seen[0] == "/kettle/posts/4/react"
    finally:
        set_script_prefix("/")


def test_a_static_address_follows_the_settings_it_comes_from(settings):
    from kettle.jinja2 import static

    first = static("kettle/kettle.css")
    settings.STATIC_URL = "/elsewhere/"
    assert static("kettle/kettle.css").startswith("/elsewhere/") and not first.startswith("/elsewhere/")
