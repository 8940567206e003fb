"""Post cards come from memory (kettle.core.fragments) once rendered. A kept card must never
show what has since changed, nor one viewer's state to another, nor an old CSRF token."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client

from kettle.accounts import actions as account_actions
from kettle.core.fragments import fragments
from kettle.social import actions
from tests.factories import make_member
from tests.helpers import posted

pytestmark = pytest.mark.django_db


def card_of(client: Client, post_id: int) -> str:
    """The post's card on the local timeline, its CSRF token blanked (each page has its own),
    its character references read as the characters they stand for."""
    page = client.get("/local").content.decode()
    match = re.search(rf'<article class="card post[^"]*" id="post-{post_id}">.*?</article>', page, re.S)
    assert match, "the post should be on the local timeline"
    return html.unescape(re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "TOKEN", match.group(0)))


def pressed(card: str, kind: str) -> bool:
    return re.search(rf'id="react-\d+-{kind}" aria-pressed="true"', card) is not None


@pytest.fixture
def people(db):
    fragments.clear()
    author = make_member("bea", is_public=True, display_name="Bea")
    post = posted(author, body="First night home")
    clients = []
    for handle in ("amara", "cleo"):
        client = Client()
        client.member = make_member(handle)
        client.force_login(client.member, backend="kettle.accounts.auth.MemberBackend")
        clients.append(client)
    return author, post, clients


def test_a_kept_card_follows_every_change_to_what_it_shows(people):
    author, post, (amara, _) = people
    first = card_of(amara, post.id)
    assert card_of(amara, post.id) == first  # served from memory, the same card

    actions.do_react(make_member("dee"), post.id, "hug")
    assert f'id="react-{post.id}-hug"' in card_of(amara, post.id)
    assert '<span class="count">1</span>' in card_of(amara, post.id)

    actions.do_edit_post(author, post.id, body="First night home, and nobody slept")
    assert "nobody slept" in card_of(amara, post.id)

    account_actions.do_update_profile(author, display_name="Bea Jones")
    assert "Bea Jones" in card_of(amara, post.id)


def test_one_viewers_reaction_and_bookmark_never_show_on_anothers_card(people):
    _, post, (amara, cleo) = people
    dee = make_member("dee")
    actions.do_react(dee, post.id, "hug")
    card_of(cleo, post.id)  # kept: one hug, not cleo's
    actions.do_unreact(dee, post.id, "hug")
    actions.do_react(amara.member, post.id, "hug")  # one hug again, now amara's
    mine, theirs = card_of(amara, post.id), card_of(cleo, post.id)
    assert pressed(mine, "hug") and not pressed(theirs, "hug")
    actions.do_bookmark(amara.member, post.id)
    mine, theirs = card_of(amara, post.id), card_of(cleo, post.id)
    assert "🔖 Saved" in mine and "🔖 Save<" in theirs


def test_a_kept_card_carries_this_requests_csrf_token(people):
    _, post, (amara, cleo) = people
    tokens = set()
    for client in (amara, cleo, amara):
        page = client.get("/local").content.decode()
        page_tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page))
        assert len(page_tokens) == 1
        tokens |= page_tokens
    assert len(tokens) == 3  # each page its own masked token, the cards included
    assert "\x00" not in page




def test_a_kept_card_is_ascii_yet_reads_as_written(people):
    _, _, (amara, _) = people
    post = posted(make_member("zoe", is_public=True), body="Slept 4 hours straight 😴 “a miracle”")
    card_of(amara, post.id)  # kept now
    page = amara.get("/local").content.decode()
    card = re.search(rf'<article class="card post[^"]*" id="post-{post.id}">.*?</article>', page, re.S).group(0)
    assert card.isascii()  # every other character as a reference: the copies stay one byte a character
    assert "Slept 4 hours straight 😴 “a miracle”" in html.unescape(card)
    assert "🤗" in html.unescape(card)  # the template's own emoji too


def test_a_fragment_with_a_script_or_style_is_kept_as_written():
    from kettle.core.fragments import _as_ascii

    assert _as_ascii("<p>Tea ☕</p>") == "<p>Tea &#9749;</p>"
    for raw in ('<script nonce="x">let cup = "☕";</script>', "<STYLE>p::before { content: '☕' }</STYLE>"):
        assert _as_ascii(raw) == raw  # a reference would be read there as its letters, not the cup


def test_a_kept_poll_card_shows_each_viewer_their_own_vote_and_the_latest_count(people):
    from kettle.core.fragments import fragments
    from kettle.groups import actions as group_actions
    from kettle.groups.actions import PollSpec

    author, _, (amara, cleo) = people
    post = posted(author, body="Dummies: yes or no?", poll=PollSpec(options=["Yes", "No"]))
    yes = post.poll.options.get(position=0)
    first = card_of(amara, post.id)
    kept = len(fragments._items)
    assert card_of(amara, post.id) == first and len(fragments._items) == kept  # served from memory
    card_of(cleo, post.id)

    group_actions.do_vote(cleo.member, post.poll.id, [yes.id])
    mine, theirs = card_of(amara, post.id), card_of(cleo, post.id)
    assert "1 person voted" in mine and "Your vote" not in mine and "Results show once you've voted" in mine
    assert "1 person voted" in theirs and "Your vote" in theirs and "100%" in theirs

    group_actions.do_vote(amara.member, post.poll.id, [post.poll.options.get(position=1).id])
    mine, theirs = card_of(amara, post.id), card_of(cleo, post.id)
    assert "2 people voted" in mine and re.search(r"No <span class=\"badge\">Your vote", mine)
    assert "2 people voted" in theirs and re.search(r"Yes <span class=\"badge\">Your vote", theirs)
