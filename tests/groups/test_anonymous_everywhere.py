"""An anonymous group post: nothing an ordinary member can reach names its author: the pages
(and their HTML source), the API, feeds, notifications and search. The group's moderators can
see who wrote it."""

from __future__ import annotations

import pytest

from kettle.accounts.actions import do_create_token
from kettle.social.actions import do_comment, do_react
from tests.factories import make_group, make_member
from tests.helpers import CommittingClient, committed, posted

SECRET_AUTHOR = "wrenna"  # a handle and name that appear nowhere else in the page


@pytest.fixture
def scene(db):
    owner = make_member("olive")
    author = make_member(SECRET_AUTHOR, display_name="Wrenna Quill")
    reader = make_member("reader")
    group = make_group(owner, "Feeding Together", privacy="private", members=(author, reader),
                       allow_anonymous=True)
    post = posted(author, "I feel like I'm failing at breastfeeding. #feeding @reader", group_id=group.id,
                  anonymous=True)
    question = committed(do_comment, reader, post.id, body="You're not failing. What's been hardest?")
    committed(do_comment, author, post.id, body="The night feeds. Thank you for asking.", parent_id=question.id)
    committed(do_react, reader, post.id, "hug")
    return owner, author, reader, group, post


def browser(member) -> CommittingClient:
    client = CommittingClient()
    client.force_login(member, backend="kettle.accounts.auth.MemberBackend")
    return client


def api(member) -> CommittingClient:
    _, raw = do_create_token(member, name="leak check")
    return CommittingClient(headers={"Authorization": f"Bearer {raw}"})


def test_nothing_a_member_can_reach_names_the_anonymous_author(scene):
    owner, author, reader, group, post = scene
    pages = [group.url, post.url, f"{post.url}/history", "/", "/local", "/search?q=failing", "/tags/feeding",
             "/notifications/", f"{group.url}/about", f"/reports/new?post={post.id}"]
    endpoints = [f"/api/v1/posts/{post.id}", f"/api/v1/posts/{post.id}/comments", f"/api/v1/groups/{group.slug}/posts",
                 "/api/v1/timelines/home", "/api/v1/search?q=failing", "/api/v1/tags/feeding", "/api/v1/notifications"]
    seen = []
    for path in pages:
        response = browser(reader).get(path)
        seen.append((path, response.status_code, response.content.decode().lower()))
    for path in endpoints:
        response = api(reader).get(path)
        seen.append((path, response.status_code, response.content.decode().lower()))

    assert all(status == 200 for _, status, _ in seen), [(p, s) for p, s, _ in seen if s != 200]
    assert "failing at breastfeeding" in seen[0][2]  # the post is there...
    leaks = [path for path, _, body in seen if SECRET_AUTHOR in body or "quill" in body]
    assert leaks == []  # ...and its author is not, anywhere
    assert "the anonymous author replied to your comment" in seen[7][2]


def test_the_post_is_not_on_its_authors_profile_or_blog(scene):
    owner, author, reader, group, post = scene
    profile = browser(reader).get(f"/@{SECRET_AUTHOR}").content.decode()
    api_posts = api(reader).get(f"/api/v1/people/{SECRET_AUTHOR}/posts").content.decode()
    assert "failing at breastfeeding" not in profile and "failing at breastfeeding" not in api_posts


def test_the_groups_moderators_can_see_who_wrote_it(scene):
    owner, author, reader, group, post = scene
    page = browser(owner).get(post.url).content.decode()
    body = api(owner).get(f"/api/v1/posts/{post.id}").json()
    assert "Wrenna Quill" in page and "only moderators see this name" in page
    assert body["author"]["handle"] == SECRET_AUTHOR and body["anonymous"] is True
