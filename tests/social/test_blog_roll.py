"""A member's blog roll: Kettle blogs by handle or outside blogs by title and web address,
kept in the order given, replaced all at once or not at all."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from kettle.social import actions
from kettle.social.actions.blogs import MAX_ENTRIES
from kettle.social.models import BlogRollEntry
from tests.core.test_markdown import XSS
from tests.helpers import committed

NHS = {"title": "Start for Life", "url": "https://www.nhs.uk/start-for-life/"}


def roll(member) -> list[tuple]:
    return list(BlogRollEntry.objects.filter(owner=member).values_list("blog__handle", "title", "url", "position"))


def errors_for(member, entries) -> dict:
    with pytest.raises(ValidationError) as error:
        committed(actions.do_set_blog_roll, member, entries)
    return error.value.message_dict


def test_a_blog_roll_keeps_kettle_and_outside_blogs_in_the_order_given(bea, cal, dee):
    committed(actions.do_set_blog_roll, bea, [{"handle": "dee"}, NHS, {"handle": "@Cal"}])
    assert roll(bea) == [("dee", "", "", 0), (None, "Start for Life", NHS["url"], 1), ("cal", "", "", 2)]


def test_setting_it_again_replaces_it_and_an_empty_list_clears_it(bea, cal, dee):
    committed(actions.do_set_blog_roll, bea, [{"handle": "cal"}, {"handle": "dee"}])
    committed(actions.do_set_blog_roll, bea, [{"handle": "dee"}, {"handle": "cal"}])
    assert [row[0] for row in roll(bea)] == ["dee", "cal"]
    committed(actions.do_set_blog_roll, bea, [])
    assert roll(bea) == []


def test_titles_are_tidied(bea):
    committed(actions.do_set_blog_roll, bea, [{"title": "  Start   for\nLife ", "url": NHS["url"]}])
    assert roll(bea)[0][1] == "Start for Life"


@pytest.mark.parametrize("url", [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "//evil.test/blog",
    "ftp://files.test/blog",
    "mailto:someone@example.test",
    "www.example.test",
    "https://" + "a" * 500 + ".test",
])
def test_unsafe_or_incomplete_web_addresses_are_refused(bea, url):
    assert "entries.0.url" in errors_for(bea, [{"title": "Sneaky", "url": url}])
    assert roll(bea) == []


@pytest.mark.parametrize("payload", [p for p in XSS if "javascript" in p.lower() or "data:" in p.lower()])
def test_no_xss_payload_gets_in_as_a_blog_address(bea, payload):
    with pytest.raises(ValidationError):
        committed(actions.do_set_blog_roll, bea, [{"title": "x", "url": payload}])
    assert roll(bea) == []


def test_an_entry_with_both_a_handle_and_a_web_address_is_refused(bea, cal):
    assert "entries.0" in errors_for(bea, [{"handle": "cal", "title": "Cal", "url": "https://cal.test"}])


def test_an_entry_with_neither_is_refused(bea):
    assert "entries.0" in errors_for(bea, [{"title": "Nothing"}])


def test_an_outside_blog_needs_a_name_of_at_most_120_characters(bea):
    assert "entries.0.title" in errors_for(bea, [{"url": "https://blog.test"}])
    assert "entries.0.title" in errors_for(bea, [{"url": "https://blog.test", "title": "t" * 121}])


def test_an_unknown_handle_is_refused(bea):
    assert "entries.0.handle" in errors_for(bea, [{"handle": "nobody_at_all"}])


def test_your_own_blog_cannot_go_on_your_roll(bea):
    assert "entries.0.handle" in errors_for(bea, [{"handle": "bea"}])


def test_a_blog_on_either_side_of_a_block_reads_as_unknown(bea, cal):
    committed(actions.do_block, cal, bea)
    assert "entries.0.handle" in errors_for(bea, [{"handle": "cal"}])


def test_the_same_kettle_blog_twice_is_refused(bea, cal):
    assert "entries" in errors_for(bea, [{"handle": "cal"}, {"handle": "@CAL"}])


def test_errors_name_the_entry_they_belong_to(bea, cal):
    errors = errors_for(bea, [{"handle": "cal"}, NHS, {"handle": "ghost"}, {"title": "x", "url": "javascript:x"}])
    assert set(errors) == {"entries.2.handle", "entries.3.url"}


def test_a_bad_entry_leaves_the_old_roll_exactly_as_it_was(bea, cal, dee):
    committed(actions.do_set_blog_roll, bea, [{"handle": "cal"}, NHS])
    before = roll(bea)
    errors_for(bea, [{"handle": "dee"}, {"title": "x", "url": "javascript:alert(1)"}])
    assert roll(bea) == before


def test_a_blog_roll_holds_at_most_fifty_blogs(bea):
    entries = [{"title": f"Blog {n}", "url": f"https://blog{n}.test"} for n in range(MAX_ENTRIES + 1)]
    assert "entries" in errors_for(bea, entries)
    committed(actions.do_set_blog_roll, bea, entries[:MAX_ENTRIES])
    assert len(roll(bea)) == MAX_ENTRIES


def test_a_kettle_blog_can_be_on_many_rolls(bea, cal, dee):
    committed(actions.do_set_blog_roll, bea, [{"handle": "dee"}])
    committed(actions.do_set_blog_roll, cal, [{"handle": "dee"}])
    assert set(dee.listed_in_blog_rolls.values_list("owner__handle", flat=True)) == {"bea", "cal"}


def test_the_same_outside_blog_twice_is_refused(bea):
    assert "entries" in errors_for(bea, [NHS, dict(NHS, title="Start for Life again")])
