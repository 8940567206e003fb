"""Writing in a group from the HTML composer: the form carries the group, offers anonymous
posting only where the group allows it, and what the action refuses comes back as form errors."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from kettle.groups import actions
from kettle.social.forms import ComposeForm
from kettle.social.models import Post
from tests.factories import make_group
from tests.helpers import committed, text_of

pytestmark = pytest.mark.django_db


def group_composer(group, member) -> str:
    """The composer as the group page includes it."""
    request = RequestFactory().get("/")
    request.member = request.user = member
    return render_to_string("groups/_group_compose.html",
                            {"group": group, "compose": ComposeForm(member=member, group=group)}, request=request)


def write(client, group, body="Anyone at the Tuesday class?", **fields):
    return client.post("/posts/new", {"group": group.slug, "body": body, "next": f"/groups/{group.slug}", **fields})


# --- Posting ---------------------------------------------------------------------------------

def test_a_member_posts_in_their_group_and_goes_back_to_it(group_of, meg, client_for):
    group = group_of("private")
    response = write(client_for(meg), group)
    post = Post.objects.get(author=meg)
    assert response.status_code == 302 and response["Location"] == f"/groups/{group.slug}"
    assert post.group_id == group.id and post.audience == Post.Audience.GROUP and not post.is_anonymous


def test_a_group_post_is_always_an_update_whatever_the_form_says(group_of, meg, client_for):
    group = group_of("public")
    write(client_for(meg), group, kind="blog", title="My story", audience="public")
    post = Post.objects.get(author=meg)
    assert post.kind == Post.Kind.UPDATE and post.title == "" and post.audience == Post.Audience.GROUP


def test_someone_outside_the_group_is_told_to_join_and_nothing_is_posted(group_of, nia, client_for):
    group = group_of("public")
    response = write(client_for(nia), group, body="Hello all")
    page = text_of(response)
    assert response.status_code == 400
    assert "Join the group to take part." in page and "Hello all" in page
    assert f'value="{group.slug}"' in page
    assert not Post.objects.filter(author=nia).exists()


def test_a_banned_member_is_told_they_cannot_take_part(group_of, nia, client_for, banned_from):
    group = group_of("public")
    banned_from(nia, group)
    response = write(client_for(nia), group)
    assert response.status_code == 400 and "You can't take part in this group." in text_of(response)
    assert not Post.objects.filter(author=nia).exists()


def test_an_anonymous_post_where_the_group_allows_it_hides_the_name(group_of, meg, client_for):
    group = group_of("private", allow_anonymous=True)
    response = write(client_for(meg), group, anonymous="on")
    assert response.status_code == 302
    assert Post.objects.get(author=meg).is_anonymous


def test_asking_for_anonymity_where_the_group_does_not_allow_it_is_refused_not_posted_with_a_name(
        group_of, meg, client_for):
    group = group_of("private")
    response = write(client_for(meg), group, anonymous="on", body="Something sensitive")
    page = text_of(response)
    assert response.status_code == 400
    assert "This group doesn't allow anonymous posts." in page
    assert 'name="anonymous"' in page  # shown with its error, so it can be unticked
    assert not Post.objects.filter(author=meg).exists()


def test_an_empty_group_post_is_a_form_error(group_of, meg, client_for):
    group = group_of("public")
    response = write(client_for(meg), group, body="   ")
    assert response.status_code == 400 and "Write something first." in text_of(response)


def test_a_held_post_thanks_the_writer_and_goes_back_to_the_group(group_of, nia, client_for):
    group = group_of("public", post_approval="first")
    committed(actions.do_join_group, nia, group.id)
    client = client_for(nia)
    response = write(client, group, next="/")
    post = Post.objects.get(author=nia)
    assert post.is_held
    assert response.status_code == 302 and response["Location"] == group.url
    assert "Thanks! A moderator will look at it soon." in text_of(client.get("/"))


@pytest.mark.parametrize("slug", ["no-such-group", "ipswich-secret-parents"])
def test_posting_to_a_group_one_cannot_see_is_a_404(group_of, nia, client_for, slug):
    group_of("secret")
    client = client_for(nia)
    assert client.post("/posts/new", {"group": slug, "body": "hi"}).status_code == 404
    assert client.get(f"/posts/new?group={slug}").status_code == 404
    assert not Post.objects.filter(author=nia).exists()


# --- The form --------------------------------------------------------------------------------

def test_the_full_form_for_a_group_has_no_audience_or_blog_choice(group_of, meg, client_for):
    group = group_of("public")
    page = text_of(client_for(meg).get(f"/posts/new?group={group.slug}"))
    assert f"Post in {group.name}" in page
    assert f'name="group" value="{group.slug}"' in page
    assert 'name="audience"' not in page and 'value="blog"' not in page and 'name="cover"' not in page
    assert 'name="anonymous"' not in page


def test_the_profile_form_is_unchanged_without_a_group(meg, client_for):
    page = text_of(client_for(meg).get("/posts/new"))
    assert 'name="audience"' in page and 'value="blog"' in page and 'name="group"' not in page


def test_the_group_composer_offers_anonymous_posting_only_where_allowed(group_of, meg):
    plain = group_composer(group_of("public"), meg)
    assert 'name="anonymous"' not in plain and "anonymously" not in plain


def test_the_group_composer_explains_anonymous_posting_where_allowed(olive, meg):
    group = make_group(olive, "Loss support", privacy="private", members=(meg,), allow_anonymous=True)
    page = group_composer(group, meg)
    assert 'name="anonymous"' in page
    assert "members won't see your name, but the group's moderators will" in page
    assert 'name="audience"' not in page and 'name="next"' in page


def test_the_group_composer_says_when_posts_wait_for_approval(olive, mo, meg):
    every = make_group(olive, "Careful group", members=(meg,), moderators=(mo,), post_approval="all")
    first = make_group(olive, "Newcomers group", members=(meg,), post_approval="first")
    assert "A moderator reads every post before the group sees it." in group_composer(every, meg)
    assert "waits for a moderator" not in group_composer(every, mo)
    assert "Your first post here waits for a moderator" in group_composer(first, meg)
    assert "waits for a moderator" not in group_composer(first, olive)


def test_the_form_passes_the_group_and_anonymity_to_the_action(group_of, meg):
    group = group_of("public", allow_anonymous=True)
    form = ComposeForm({"group": group.slug, "body": "hi", "anonymous": "on"}, member=meg, group=group)
    assert form.is_valid(), form.errors
    kwargs = form.action_kwargs()
    assert kwargs["group_id"] == group.id and kwargs["anonymous"] is True and "audience" not in kwargs
