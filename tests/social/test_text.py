"""What members write: @mentions and #hashtags become links, code stays as written, and
nothing that runs survives into a post or comment."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kettle.social import actions
from kettle.social.text import handles_in, hashtags_in, render_with_links
from tests.core.test_markdown import XSS, assert_safe
from tests.helpers import committed

# Payloads aimed at the mention and hashtag linking, which rewrites members' text into markdown
# links before it is parsed: the rewriting must never open a way around the sanitiser.
LINKING_XSS = [
    "@cal<script>alert(1)</script>",
    "#sleep<img src=x onerror=alert(1)>",
    "[#sleep](javascript:alert(1))",
    "[@cal](javascript:alert(1))",
    "[x](javascript:alert(1)#sleep)",
    "[x](javascript:alert(1)@cal)",
    "[x](#sleep\" onclick=\"alert(1))",
    "@cal](javascript:alert(1))",
    "#sleep](javascript:alert(1))",
    "[@cal #sleep](data:text/html,<script>alert(1)</script>)",
    "<a href=\"/tags/sleep\" onmouseover=alert(1)>#sleep</a>",
    "<a href=javascript:alert(1)>@cal</a>",
    "`@cal` <svg onload=alert(1)> `#sleep`",
    "@cal\" onmouseover=\"alert(1)",
    "#sleep' onfocus='alert(1)",
]
CORPUS = XSS + LINKING_XSS


def test_the_corpus_holds_at_least_fifty_payloads():
    assert len(set(CORPUS)) >= 50


# --- Mentions and hashtags ----------------------------------------------------------------------

def test_a_mention_of_a_member_links_to_their_profile(cal):
    rendered = render_with_links("Thanks @cal!")
    assert f'<a href="{reverse("profile", kwargs={"handle": "cal"})}"' in rendered.html
    assert ">@cal</a>" in rendered.html
    assert rendered.handles == ["cal"]


def test_mentions_are_case_insensitive(cal):
    rendered = render_with_links("Thanks @Cal")
    assert rendered.handles == ["cal"] and ">@cal</a>" in rendered.html


def test_a_mention_of_an_unknown_handle_is_left_as_plain_text(cal):
    rendered = render_with_links("Hello @nobody_here and @cal")
    assert "@nobody_here" in rendered.html
    assert 'href="/@nobody_here"' not in rendered.html
    assert rendered.handles == ["cal"]


def test_a_mention_of_a_deactivated_member_is_not_linked(cal):
    cal.is_active = False
    cal.save(update_fields=["is_active"])
    rendered = render_with_links("Hello @cal")
    assert rendered.handles == [] and "<a " not in rendered.html


def test_hashtags_link_to_their_tag_page_in_lower_case(db):
    rendered = render_with_links("Another night of #NightFeeds and #weaning_woes")
    assert f'href="{reverse("social:tag", kwargs={"name": "nightfeeds"})}"' in rendered.html
    assert ">#NightFeeds</a>" in rendered.html
    assert rendered.hashtags == ["nightfeeds", "weaning_woes"]


@pytest.mark.parametrize("text", [
    "email me at cal@example.test",
    "see https://example.test/@cal and https://example.test/#sleep",
    "page https://example.test/page#section",
    "we are #1 at this",  # a tag starts with a letter
    "&#35;sleep is an entity",
    "##double",
])
def test_things_that_only_look_like_mentions_or_tags_are_left_alone(cal, text):
    rendered = render_with_links(text)
    assert rendered.handles == [] and rendered.hashtags == []
    assert "/tags/" not in rendered.html and 'href="/@' not in rendered.html


@pytest.mark.parametrize("text", [
    "Use `@cal` and `#sleep` like this",
    "```\n@cal #sleep\n```",
    "Before `#sleep` after",
])
def test_code_spans_and_blocks_are_left_exactly_as_written(cal, text):
    rendered = render_with_links(text)
    assert rendered.handles == [] and rendered.hashtags == []
    assert "<a " not in rendered.html
    assert "@cal" in rendered.html or "#sleep" in rendered.html


def test_a_tag_outside_code_is_linked_while_the_same_tag_inside_code_is_not(db):
    rendered = render_with_links("`#sleep` but also #sleep")
    assert rendered.html.count("<a ") == 1
    assert "<code>#sleep</code>" in rendered.html


@pytest.mark.parametrize("text", [
    "See [the bit about naps](#sleep) below",
    "[my blog](https://example.test/@cal)",
    "[a page](https://example.test/page#weaning)",
])
def test_the_address_of_a_markdown_link_is_left_alone(cal, text):
    rendered = render_with_links(text)
    assert rendered.hashtags == [] and rendered.handles == []
    assert "/tags/" not in rendered.html and "%5B" not in rendered.html
    assert rendered.html.count("<a ") == 1


def test_tags_in_brackets_and_next_to_links_are_still_linked(cal):
    rendered = render_with_links("Night four (#nightfeeds) and [a link](https://example.test) #sleep @cal")
    assert rendered.hashtags == ["nightfeeds", "sleep"] and rendered.handles == ["cal"]
    assert rendered.html.count("<a ") == 4


def test_handles_and_hashtags_are_listed_once_each_in_order():
    assert hashtags_in("#bb #aa #BB #cc") == ["bb", "aa", "cc"]
    assert handles_in("@zed @amy @Zed") == ["zed", "amy"]
    assert hashtags_in("") == [] and handles_in(None) == []


def test_a_tag_needs_at_least_two_characters_and_a_handle_three():
    assert hashtags_in("plan #a and #b") == [] and handles_in("hi @jo and @al") == []


# --- Nothing that runs survives -----------------------------------------------------------------

@pytest.mark.parametrize("payload", CORPUS)
def test_render_with_links_runs_nothing(cal, payload):
    assert_safe(render_with_links(payload).html)
    assert_safe(render_with_links(f"Hi @cal #sleep {payload} and [a link](https://example.test)").html)


@pytest.mark.parametrize("payload", CORPUS)
def test_posts_and_comments_store_only_inert_html(cal, payload, settings):
    settings.POST_RATE = settings.COMMENT_RATE = "1000/60"
    if "\x00" in payload:  # refused outright: PostgreSQL can't store it (tests/core/test_no_nul.py)
        with pytest.raises(ValidationError):
            actions.do_create_post(cal, body=f"@cal #sleep {payload}")
        return
    post = committed(actions.do_create_post, cal, body=f"@cal #sleep {payload}")
    assert_safe(post.body_html)
    comment = committed(actions.do_comment, cal, post.id, body=f"{payload} @cal")
    assert_safe(comment.body_html)
    blog = committed(actions.do_create_post, cal, kind="blog", title="A story", body=payload)
    assert_safe(blog.body_html)


PIECES = CORPUS + ["@cal", "@nobody", "#sleep", "#", "@", "`", "```", "[", "](", ")", "<", ">", "\"",
                   "'", " on", "onerror=", "=", "javascript:", "data:", "\n\n", "    ", "&#", "\\"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
def test_any_mix_of_pieces_never_emits_a_script_or_event_attribute(cal, text):
    html = render_with_links(text).html
    assert "<script" not in html.lower()
    assert_safe(html)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_any_text_at_all_never_emits_a_script_or_event_attribute(cal, text):
    html = render_with_links(text).html
    assert "<script" not in html.lower()
    assert_safe(html)
