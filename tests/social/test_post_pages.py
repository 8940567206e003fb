"""The HTML side of posts: composing, the post page with its comments, reactions and
bookmarks, editing with earlier versions, deleting to a tombstone."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from kettle.social import actions
from kettle.social.models import Comment, Post, PostImage, Reaction
from tests.factories import make_member

pytestmark = pytest.mark.django_db

POST_PAGE_QUERIES = 8  # session, member, post, images, my reactions, bookmarks, comments, who reacted


@pytest.fixture(autouse=True)
def _media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {**settings.STORAGES,
                         "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                                     "OPTIONS": {"location": str(tmp_path / "media")}}}


# Overrides tests/conftest.py: pages show Bea as a public profile with a place.
@pytest.fixture
def bea(db):
    return make_member("bea", place="Kesgrave", is_public=True, display_name="Bea")


def jpeg(name: str = "photo.jpg", gps: bool = True) -> io.BytesIO:
    """A small JPEG carrying EXIF (a camera make and a GPS block), as phones send them."""
    image = Image.new("RGB", (64, 48), (200, 120, 90))
    exif = Image.Exif()
    exif[0x010F] = "PhoneCam"  # Make
    if gps:
        exif[0x8825] = {1: "N", 2: (52.0, 3.0, 30.0)}  # GPSInfo
    data = io.BytesIO()
    image.save(data, format="JPEG", exif=exif.tobytes())
    data.seek(0)
    data.name = name
    return data


def text(response) -> str:
    return response.content.decode()


# --- Composing -------------------------------------------------------------------------------

def test_a_post_written_on_home_appears_on_home_at_once(member, client_for):
    client = client_for(member)
    response = client.post("/posts/new", {"kind": "update", "audience": "public", "body": "Up since 3, tea in hand",
                                          "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    home = client.get("/")
    assert "Up since 3, tea in hand" in text(home)


def test_the_home_page_has_a_compose_box_and_keeps_the_family_card(member, client_for):
    page = text(client_for(member).get("/"))
    assert 'action="/posts/new"' in page and 'name="body"' in page
    assert "Your family" in page


def test_compose_page_offers_content_note_suggestions(member, client_for):
    page = text(client_for(member).get("/posts/new"))
    assert '<datalist id="content-note-suggestions">' in page
    assert '<option value="birth story">' in page


def test_a_blog_post_needs_a_title_and_says_so(member, client_for):
    response = client_for(member).post("/posts/new", {"kind": "blog", "audience": "public", "body": "Long story"})
    assert response.status_code == 400
    assert "A blog post needs a title." in text(response)
    assert not Post.objects.exists()


def test_an_empty_post_is_a_gentle_error_not_a_crash(member, client_for):
    response = client_for(member).post("/posts/new", {"kind": "update", "audience": "public", "body": "  "})
    assert response.status_code == 400 and "Write something first." in text(response)


def test_nonsense_choices_are_form_errors(member, client_for):
    response = client_for(member).post("/posts/new", {"kind": "poem", "audience": "world", "body": "hi"})
    assert response.status_code == 400 and not Post.objects.exists()


def test_writing_needs_login(client):
    response = client.get("/posts/new")
    assert response.status_code == 302 and "/login" in response["Location"]
    response = client.post("/posts/new", {"kind": "update", "audience": "public", "body": "hi"})
    assert response.status_code == 302 and not Post.objects.exists()


def test_a_photo_without_a_description_brings_back_a_gentle_prompt(member, client_for):
    client = client_for(member)
    response = client.post("/posts/new", {"kind": "update", "audience": "public", "body": "First walk out",
                                          "image_1": jpeg()})
    page = text(response)
    assert response.status_code == 200
    assert "Add a short description so everyone can enjoy your photo" in page
    assert "Post without descriptions" in page
    assert not Post.objects.exists()
    # the photo is kept, so the member doesn't choose it again
    kept = re.search(r'name="pending_1" value="([^"]+)"', page).group(1)
    response = client.post("/posts/new", {"kind": "update", "audience": "public", "body": "First walk out",
                                          "pending_1": kept, "alt_1": "A pram by the river"})
    assert response.status_code == 302
    image = PostImage.objects.get()
    assert image.alt_text == "A pram by the river"
    assert not default_storage.listdir("pending")[1], "kept photos are tidied away once posted"


def test_post_without_descriptions_publishes_the_photo_as_it_is(member, client_for):
    response = client_for(member).post("/posts/new", {
        "kind": "update", "audience": "public", "body": "Look", "image_1": jpeg(), "without_descriptions": "1"})
    assert response.status_code == 302
    assert PostImage.objects.get().alt_text == ""


def test_uploaded_photos_are_re_encoded_without_their_location(member, client_for):
    client_for(member).post("/posts/new", {"kind": "update", "audience": "public", "body": "Beach day",
                                           "image_1": jpeg(), "alt_1": "Sandcastle"})
    image = PostImage.objects.get()
    assert image.path.startswith("posts/") and image.path.endswith(".jpg")
    assert "photo" not in image.path  # a random name, not the one the phone sent
    with default_storage.open(image.path, "rb") as stored:
        reopened = Image.open(stored)
        reopened.load()
        assert not reopened.getexif()
        assert "exif" not in reopened.info
    page = text(client_for(member).get(Post.objects.get().url))
    assert f'src="/media/{image.path}" alt="Sandcastle"' in page


def test_a_file_that_is_not_an_image_is_refused_kindly(member, client_for):
    fake = io.BytesIO(b"<html><script>alert(1)</script></html>")
    fake.name = "cat.jpg"
    response = client_for(member).post("/posts/new", {"kind": "update", "audience": "public", "body": "x",
                                                      "image_1": fake, "alt_1": "a cat"})
    assert response.status_code == 400
    assert "couldn" in text(response) and not Post.objects.exists()


def test_a_blog_post_can_have_a_cover_photo(member, client_for):
    response = client_for(member).post("/posts/new", {
        "kind": "blog", "audience": "public", "title": "Our birth story", "body": "It began on a Tuesday.",
        "cover": jpeg(), "cover_alt": "Sunrise from the ward window"})
    assert response.status_code == 302
    post = Post.objects.get()
    assert post.cover_image.startswith("posts/") and post.cover_alt == "Sunrise from the ward window"
    page = text(client_for(member).get(post.url))
    assert "<h1 class=\"post-title\">Our birth story</h1>" in page


# --- Seeing a post ---------------------------------------------------------------------------

def test_a_followers_only_post_is_a_404_for_a_stranger_and_a_logged_out_visitor(bea, client_for):
    post = actions.do_create_post(bea, body="Just for my people", audience="followers")
    stranger = make_member("cleo")
    assert client_for(stranger).get(post.url).status_code == 404
    assert client_for(None).get(post.url).status_code == 404
    follower = make_member("dan")
    actions.do_follow(follower, bea)
    assert client_for(follower).get(post.url).status_code == 200


def test_a_public_post_reads_without_logging_in_when_the_profile_is_public(bea, client_for):
    post = actions.do_create_post(bea, body="Hello world")
    response = client_for(None).get(post.url)
    assert response.status_code == 200 and "Hello world" in text(response)
    assert "Log in" in text(response)


def test_the_wrong_handle_in_the_address_is_a_404(bea, member, client_for):
    post = actions.do_create_post(bea, body="Hello")
    assert client_for(member).get(f"/@amara/posts/{post.id}").status_code == 404


def test_a_content_note_keeps_the_post_folded(bea, member, client_for):
    post = actions.do_create_post(bea, body="We lost our little one at 12 weeks.", content_note="loss")
    page = text(client_for(member).get(post.url))
    folded = re.search(r'<details class="content-note">\s*<summary>Content note: loss</summary>(.*?)</details>',
                       page, re.S)
    assert folded and "We lost our little one" in folded.group(1)


def test_vent_mode_shows_a_badge_and_reminds_repliers(bea, member, client_for):
    post = actions.do_create_post(bea, body="Nobody slept. Again.", vent_mode=True)
    page = text(client_for(member).get(post.url))
    assert "Just needs to vent: support, not advice" in page
    assert "Bea asked for support, not advice." in page
    own = text(client_for(bea).get(post.url))
    assert "Bea asked for support" not in own


# --- Comments --------------------------------------------------------------------------------

def test_commenting_and_replying_show_one_level_of_replies(bea, member, client_for):
    post = actions.do_create_post(bea, body="Any tips for reflux?")
    client = client_for(member)
    response = client.post(f"/posts/{post.id}/comments", {"body": "Keep them upright after feeds"})
    top = Comment.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{post.url}#comment-{top.id}"
    client_for(bea).post(f"/posts/{post.id}/comments", {"body": "Thank you!", "parent_id": top.id})
    page = text(client.get(post.url))
    assert re.search(r'<ol class="replies">.*Thank you!', page, re.S)
    assert "Keep them upright" in page


def test_an_empty_comment_shows_the_form_again(bea, member, client_for):
    post = actions.do_create_post(bea, body="Hello")
    response = client_for(member).post(f"/posts/{post.id}/comments", {"body": " "})
    assert response.status_code == 400 and "Write something first." in text(response)


def test_an_empty_reply_reopens_its_reply_box_with_the_error(bea, member, client_for):
    post = actions.do_create_post(bea, body="Hello")
    top = actions.do_comment(bea, post.id, body="Welcome all")
    response = client_for(member).post(f"/posts/{post.id}/comments", {"body": "", "parent_id": top.id})
    page = text(response)
    assert response.status_code == 400
    assert re.search(r'<details class="reply-box" open>.*?Write something first\.', page, re.S)


def test_commenting_on_a_post_you_cannot_see_is_a_404(bea, member, client_for):
    post = actions.do_create_post(bea, body="Followers", audience="followers")
    assert client_for(member).post(f"/posts/{post.id}/comments", {"body": "hi"}).status_code == 404


def test_the_author_can_hide_a_reply_and_show_it_again(bea, member, client_for):
    post = actions.do_create_post(bea, body="Venting", vent_mode=True)
    comment = actions.do_comment(member, post.id, body="Have you tried sleep training?")
    client = client_for(bea)
    response = client.post(f"/comments/{comment.id}/hide", {"hidden": "1"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.hidden_at is not None
    stranger = make_member("cleo")
    assert "sleep training" not in text(client_for(stranger).get(post.url))
    assert "You hid this reply" in text(client.get(post.url))
    assert "Bea hid this reply" in text(client_for(member).get(post.url))
    client.post(f"/comments/{comment.id}/hide", {"hidden": "0"})
    assert "sleep training" in text(client_for(stranger).get(post.url))


def test_only_the_post_author_can_hide_replies(bea, member, client_for):
    post = actions.do_create_post(bea, body="Hello")
    comment = actions.do_comment(bea, post.id, body="Mine")
    assert client_for(member).post(f"/comments/{comment.id}/hide").status_code == 404
    comment.refresh_from_db()
    assert comment.hidden_at is None


def test_editing_and_deleting_my_comment_leaves_a_tombstone_for_its_replies(bea, member, client_for):
    post = actions.do_create_post(bea, body="Hello")
    comment = actions.do_comment(member, post.id, body="Frist")
    actions.do_comment(bea, post.id, body="Welcome!", parent_id=comment.id)
    client = client_for(member)
    assert client.get(f"/comments/{comment.id}/edit").status_code == 200
    client.post(f"/comments/{comment.id}/edit", {"body": "First!"})
    page = text(client.get(post.url))
    assert "First!" in page and "edited" in page
    assert client.get(f"/comments/{comment.id}/delete").status_code == 200
    client.post(f"/comments/{comment.id}/delete")
    page = text(client.get(post.url))
    assert "This comment was deleted." in page and "Welcome!" in page and "First!" not in page


def test_someone_elses_comment_cannot_be_edited_or_deleted(bea, member, client_for):
    post = actions.do_create_post(bea, body="Hello")
    comment = actions.do_comment(bea, post.id, body="Mine")
    client = client_for(member)
    assert client.get(f"/comments/{comment.id}/edit").status_code == 404
    assert client.post(f"/comments/{comment.id}/delete").status_code == 404
    assert Comment.objects.get().deleted_at is None


# --- Reactions and bookmarks -----------------------------------------------------------------

def test_a_reaction_toggles_with_plain_form_posts(bea, member, client_for):
    post = actions.do_create_post(bea, body="We did it, first night in the cot")
    client = client_for(member)
    response = client.post(f"/posts/{post.id}/react", {"kind": "hug", "next": "/local"})
    assert response.status_code == 302 and response["Location"] == f"/local#post-{post.id}"
    page = text(client.get(post.url))
    assert re.search(r'id="react-\d+-hug" aria-pressed="true">.*?Hug <span class="count">1</span>', page)
    client.post(f"/posts/{post.id}/unreact", {"kind": "hug"})
    post.refresh_from_db()
    assert post.hug_count == 0 and not Reaction.objects.exists()


def test_a_reaction_with_htmx_answers_just_the_action_bar(bea, member, client_for):
    post = actions.do_create_post(bea, body="Hello")
    response = client_for(member).post(f"/posts/{post.id}/react", {"kind": "me_too", "next": "/"},
                                       headers={"HX-Request": "true"})
    page = text(response)
    assert response.status_code == 200
    assert page.lstrip().startswith(f'<div class="post-actions" id="actions-{post.id}">')
    assert re.search(r'aria-pressed="true">.*?Me too <span class="count">1</span>', page)
    assert f'action="/posts/{post.id}/unreact"' in page and "<html" not in page


def test_reacting_twice_counts_once_and_a_bad_kind_is_refused(bea, member, client_for):
    post = actions.do_create_post(bea, body="Hello")
    client = client_for(member)
    client.post(f"/posts/{post.id}/react", {"kind": "helpful"})
    client.post(f"/posts/{post.id}/react", {"kind": "helpful"})
    post.refresh_from_db()
    assert post.helpful_count == 1
    assert client.post(f"/posts/{post.id}/react", {"kind": "angry"}).status_code == 400


def test_a_reaction_button_left_open_after_logging_out_goes_to_the_login_page(bea, client_for):
    post = actions.do_create_post(bea, body="Hello")
    response = client_for(None).post(f"/posts/{post.id}/react", {"kind": "hug"},
                                      headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/local"})
    assert response.status_code == 204 and response["HX-Redirect"] == "/login/?next=%2Flocal"


def test_reacting_needs_login_and_a_visible_post(bea, member, client_for):
    post = actions.do_create_post(bea, body="Hello", audience="followers")
    assert client_for(None).post(f"/posts/{post.id}/react", {"kind": "hug"}).status_code == 302
    assert client_for(member).post(f"/posts/{post.id}/react", {"kind": "hug"}).status_code == 404
    assert not Reaction.objects.exists()


def test_a_next_address_elsewhere_is_ignored(bea, member, client_for):
    post = actions.do_create_post(bea, body="Hello")
    response = client_for(member).post(f"/posts/{post.id}/react", {"kind": "hug", "next": "https://evil.test/"})
    assert response["Location"].startswith(post.url)


def test_bookmarks_toggle_and_stay_private(bea, member, client_for):
    post = actions.do_create_post(bea, body="Weaning tips worth keeping")
    client = client_for(member)
    response = client.post(f"/posts/{post.id}/bookmark", headers={"HX-Request": "true"})
    assert f'id="bookmark-{post.id}" aria-pressed="true"' in text(response)
    assert "Weaning tips worth keeping" in text(client.get("/bookmarks"))
    assert "Weaning tips" not in text(client_for(bea).get("/bookmarks"))
    client.post(f"/posts/{post.id}/unbookmark")
    assert "Weaning tips" not in text(client.get("/bookmarks"))


# --- Editing, history and deleting -----------------------------------------------------------

def test_editing_shows_edited_and_the_earlier_version(bea, member, client_for):
    post = actions.do_create_post(bea, body="Teh first tooth!")
    client = client_for(bea)
    assert client.get(f"{post.url}/edit").status_code == 200
    response = client.post(f"{post.url}/edit", {"body": "The first tooth!", "content_note": ""})
    assert response.status_code == 302
    page = text(client_for(member).get(post.url))
    assert "The first tooth!" in page and f'href="{post.url}/history">edited</a>' in page
    history = text(client_for(member).get(f"{post.url}/history"))
    assert "Teh first tooth!" in history and "The first tooth!" in history


def test_only_the_author_can_edit(bea, member, client_for):
    post = actions.do_create_post(bea, body="Mine")
    assert client_for(member).get(f"{post.url}/edit").status_code == 404
    assert client_for(member).post(f"{post.url}/edit", {"body": "Yours"}).status_code == 404
    assert client_for(None).get(f"{post.url}/history").status_code == 200  # public post, public profile


def test_history_of_a_followers_only_post_is_private(bea, member, client_for):
    post = actions.do_create_post(bea, body="Mine", audience="followers")
    assert client_for(member).get(f"{post.url}/history").status_code == 404


def test_deleting_asks_first_then_removes_the_post_everywhere(bea, member, client_for):
    actions.do_follow(member, bea)
    post = actions.do_create_post(bea, body="Regret this #oops")
    reader = client_for(member)
    assert "Regret this" in text(reader.get("/"))
    client = client_for(bea)
    confirm = client.get(f"{post.url}/delete")
    assert confirm.status_code == 200 and "Delete this post?" in text(confirm)
    response = client.post(f"{post.url}/delete")
    assert response.status_code == 302
    for address in ("/", "/local", "/tags/oops", "/search?q=Regret"):
        assert "Regret this" not in text(reader.get(address)), address
    assert "Regret this" not in text(client_for(None).get("/search?q=Regret"))


def test_a_deleted_post_leaves_a_tombstone_with_its_comments(bea, member, client_for):
    actions.do_follow(member, bea)
    post = actions.do_create_post(bea, body="Followers only news", audience="followers")
    actions.do_comment(member, post.id, body="So happy for you")
    actions.do_delete_post(bea, post.id)
    response = client_for(member).get(post.url)
    assert response.status_code == 410
    page = text(response)
    assert "This post was deleted" in page and "So happy for you" in page and "Followers only news" not in page
    assert client_for(make_member("cleo")).get(post.url).status_code == 404
    assert client_for(None).get(post.url).status_code == 404


def test_someone_else_cannot_delete_my_post(bea, member, client_for):
    post = actions.do_create_post(bea, body="Mine")
    assert client_for(member).post(f"{post.url}/delete").status_code == 404
    assert Post.objects.get().deleted_at is None


def test_the_post_page_says_who_reacted_but_never_someone_blocked(bea, member, client_for):
    post = actions.do_create_post(bea, body="First steps today!")
    cleo = make_member("cleo", display_name="Cleo")
    actions.do_react(member, post.id, "hug")
    actions.do_react(cleo, post.id, "me_too")
    actions.do_block(member, cleo)
    page = text(client_for(member).get(post.url))
    assert "Who reacted" in page and ">Amara</a>" in page and "Cleo" not in page
    assert ">Cleo</a>" in text(client_for(bea).get(post.url))


def test_logged_out_readers_see_counts_in_words_and_no_buttons(bea, member, client_for):
    post = actions.do_create_post(bea, body="Hello")
    actions.do_react(member, post.id, "hug")
    page = text(client_for(None).get(post.url))
    assert "1 hug" in page and f"react-{post.id}-hug" not in page and "said me too" not in page


# --- Query counts ------------------------------------------------------------------------------

@pytest.mark.parametrize("comments", [5, 30])
def test_the_post_page_query_count_stays_flat_with_more_comments(bea, member, client_for, comments,
                                                                  django_assert_max_num_queries):
    post = actions.do_create_post(bea, body="Busy thread", vent_mode=True)
    people = [make_member(f"parent{i}") for i in range(5)]
    for i in range(comments):
        top = actions.do_comment(people[i % 5], post.id, body=f"comment {i}")
        if i % 3 == 0:
            actions.do_comment(people[(i + 1) % 5], post.id, body=f"reply {i}", parent_id=top.id)
    for person in people:
        actions.do_react(person, post.id, "hug")
    client = client_for(bea)
    client.get(post.url)
    with django_assert_max_num_queries(POST_PAGE_QUERIES):
        response = client.get(post.url)
    assert f"comment {comments - 1}" in text(response)
