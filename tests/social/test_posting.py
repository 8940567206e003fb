"""Publishing, editing and deleting posts through the actions: limits, images, revisions,
hashtags and mentions, rate limits, and that a failed action leaves nothing behind."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from PIL import Image

from kettle.core.ratelimit import RateLimited
from kettle.notifications.models import Notification
from kettle.social import actions
from kettle.social.actions.posts import ImageUpload
from kettle.social.models import FeedEntry, Hashtag, Mention, Post, PostImage, PostRevision
from tests.factories import make_member
from tests.helpers import committed

GPS_IFD = 0x8825


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(root: Path) -> list[Path]:
    return [path for path in Path(root).rglob("*") if path.is_file()] if Path(root).exists() else []


def jpeg_with_gps(name: str = "photo.jpg", size=(80, 60)) -> SimpleUploadedFile:
    exif = Image.Exif()
    exif[0x010F] = "Canon"
    exif[GPS_IFD] = {1: "N", 2: (52.0, 3.0, 44.0), 3: "E", 4: (1.0, 14.0, 0.0)}
    out = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(out, "JPEG", exif=exif)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def not_an_image() -> SimpleUploadedFile:
    return SimpleUploadedFile("note.jpg", b"<html><script>alert(1)</script></html>", content_type="image/jpeg")


def upload(alt: str = "A baby asleep on a dad's chest") -> ImageUpload:
    return ImageUpload(file=jpeg_with_gps(), alt_text=alt)


# --- Lengths and fields -------------------------------------------------------------------------

def test_an_update_of_exactly_2000_characters_is_accepted(bea):
    post = actions.do_create_post(bea, body="a" * 2000)
    assert len(post.body) == 2000 and post.kind == Post.Kind.UPDATE


def test_an_update_over_2000_characters_is_refused_with_a_hint_to_blog(bea):
    with pytest.raises(ValidationError) as error:
        actions.do_create_post(bea, body="a" * 2001)
    assert "blog post" in str(error.value.message_dict["body"])
    assert not Post.objects.exists()


def test_a_blog_post_may_run_to_50000_characters_but_no_more(bea):
    assert actions.do_create_post(bea, kind="blog", title="Our birth story", body="b" * 50_000).is_blog
    with pytest.raises(ValidationError) as error:
        actions.do_create_post(bea, kind="blog", title="Too long", body="b" * 50_001)
    assert "body" in error.value.message_dict
    assert Post.objects.count() == 1


@pytest.mark.parametrize("title", ["", "   ", "\n\t"])
def test_a_blog_post_needs_a_title(bea, title):
    with pytest.raises(ValidationError) as error:
        actions.do_create_post(bea, kind="blog", title=title, body="Words")
    assert "title" in error.value.message_dict
    assert not Post.objects.exists()


def test_an_update_keeps_no_title_and_a_blog_title_is_tidied(bea):
    update = actions.do_create_post(bea, title="ignored", body="Short one")
    blog = actions.do_create_post(bea, kind="blog", title="  Week   one \n at home ", body="Long one")
    assert update.title == "" and blog.title == "Week one at home"


@pytest.mark.parametrize("body", ["", "   ", "\n\n"])
def test_an_empty_post_is_refused(bea, body):
    with pytest.raises(ValidationError) as error:
        actions.do_create_post(bea, body=body)
    assert "body" in error.value.message_dict


@pytest.mark.parametrize("field, value", [("kind", "poem"), ("audience", "everyone-ish")])
def test_unknown_kinds_and_audiences_are_refused(bea, field, value):
    with pytest.raises(ValidationError) as error:
        actions.do_create_post(bea, body="Hello", **{field: value})
    assert field in error.value.message_dict


def test_a_content_note_is_kept_tidy_and_limited_to_80_characters(bea):
    post = actions.do_create_post(bea, body="Our story", content_note="  birth   story ")
    assert post.content_note == "birth story"
    assert len(actions.do_create_post(bea, body="x", content_note="n" * 80).content_note) == 80
    with pytest.raises(ValidationError) as error:
        actions.do_create_post(bea, body="x", content_note="n" * 81)
    assert "content_note" in error.value.message_dict


def test_vent_mode_is_recorded_on_the_post(bea):
    assert actions.do_create_post(bea, body="Just need to say it", vent_mode=True).vent_mode
    assert not actions.do_create_post(bea, body="Ordinary post").vent_mode


def test_the_body_is_rendered_to_html_with_markdown(bea):
    post = actions.do_create_post(bea, body="**Slept** four hours!")
    assert "<strong>Slept</strong>" in post.body_html


def test_a_new_post_is_in_the_authors_feed_at_once(bea):
    post = actions.do_create_post(bea, body="Me first")
    assert FeedEntry.objects.filter(member=bea, post=post).exists()


# --- Images ---------------------------------------------------------------------------------------

def test_up_to_four_images_are_stored_re_encoded_without_gps_in_order(bea, media_root):
    post = actions.do_create_post(bea, body="Beach day", images=[upload(f"Picture {n}") for n in range(4)])
    images = list(post.images.all())
    assert [image.alt_text for image in images] == [f"Picture {n}" for n in range(4)]
    for image in images:
        path = Path(media_root) / image.path
        assert path.exists() and image.path.startswith("posts/")
        assert not path.name.startswith("photo")  # random names, not the upload's
        with Image.open(path) as stored:
            assert stored.format == "JPEG"
            assert GPS_IFD not in stored.getexif() and len(stored.getexif()) == 0
    assert len(stored_files(media_root)) == 4


def test_five_images_are_refused_and_nothing_is_stored(bea, media_root):
    with pytest.raises(ValidationError) as error:
        actions.do_create_post(bea, body="Too many", images=[upload() for _ in range(5)])
    assert "images" in error.value.message_dict
    assert not Post.objects.exists() and stored_files(media_root) == []


def test_alt_text_is_optional_and_tidied(bea):
    post = actions.do_create_post(bea, body="x", images=[ImageUpload(file=jpeg_with_gps(), alt_text="  a  b ")])
    assert post.images.get().alt_text == "a b"
    post = actions.do_create_post(bea, body="y", images=[ImageUpload(file=jpeg_with_gps())])
    assert post.images.get().alt_text == ""


def test_a_cover_image_is_only_for_blog_posts(bea, media_root):
    with pytest.raises(ValidationError) as error:
        actions.do_create_post(bea, body="An update", cover=upload())
    assert "cover" in error.value.message_dict
    assert stored_files(media_root) == []
    blog = actions.do_create_post(bea, kind="blog", title="Cover story", body="Words", cover=upload("The sea"))
    assert blog.cover_image.startswith("posts/") and blog.cover_alt == "The sea"
    assert (Path(media_root) / blog.cover_image).exists()


def test_a_bad_image_among_good_ones_leaves_no_post_and_no_files(bea, media_root):
    uploads = [upload(), upload(), ImageUpload(file=not_an_image(), alt_text="x")]
    with pytest.raises(ValidationError) as error:
        actions.do_create_post(bea, body="Three pictures", images=uploads)
    assert "images.2" in error.value.message_dict
    assert not Post.objects.exists() and not PostImage.objects.exists()
    assert stored_files(media_root) == []


def test_a_bad_cover_leaves_none_of_the_stored_images_behind(bea, media_root):
    with pytest.raises(ValidationError):
        actions.do_create_post(bea, kind="blog", title="T", body="B", images=[upload(), upload()],
                               cover=ImageUpload(file=not_an_image()))
    assert not Post.objects.exists() and stored_files(media_root) == []


def test_too_long_alt_text_leaves_nothing_behind(bea, media_root):
    with pytest.raises(ValidationError) as error:
        actions.do_create_post(bea, body="x", images=[upload(), upload("d" * 301)])
    assert "images.1.alt_text" in error.value.message_dict
    assert not Post.objects.exists() and stored_files(media_root) == []


def test_a_failure_while_saving_the_post_removes_the_stored_images(bea, media_root, monkeypatch):
    from kettle.social.actions import posts

    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(posts, "_link_tags_and_mentions", broken)
    with pytest.raises(RuntimeError):
        actions.do_create_post(bea, body="#tagged with a picture", images=[upload()])
    assert not Post.objects.exists() and not PostImage.objects.exists() and not Hashtag.objects.exists()
    assert stored_files(media_root) == []


# --- Rate limit -------------------------------------------------------------------------------------

def test_posting_too_fast_is_rate_limited_and_stores_nothing(bea, settings, media_root):
    settings.POST_RATE = "2/3600"
    actions.do_create_post(bea, body="one")
    actions.do_create_post(bea, body="two")
    with pytest.raises(RateLimited) as error:
        actions.do_create_post(bea, body="three", images=[upload()])
    assert error.value.retry_after > 0 and "breather" in error.value.message
    assert Post.objects.count() == 2 and stored_files(media_root) == []


def test_the_rate_limit_is_per_member(bea, settings):
    settings.POST_RATE = "1/3600"
    actions.do_create_post(bea, body="one")
    actions.do_create_post(make_member("cal"), body="one")
    with pytest.raises(RateLimited):
        actions.do_create_post(bea, body="two")


# --- Hashtags and mentions --------------------------------------------------------------------------

def test_hashtags_are_stored_lower_case_once_each(bea):
    post = actions.do_create_post(bea, body="#NightFeeds again. #nightfeeds #Sleep")
    assert sorted(post.hashtags.values_list("name", flat=True)) == ["nightfeeds", "sleep"]


def test_mentions_of_members_are_stored_and_unknown_handles_are_not(bea):
    cal = make_member("cal")
    post = committed(actions.do_create_post, bea, body="Thanks @cal and @nobody_here")
    assert list(post.mentions.values_list("member", flat=True)) == [cal.id]
    assert Notification.objects.filter(recipient=cal, kind=Notification.Kind.MENTION, post=post).exists()


# --- Editing ------------------------------------------------------------------------------------------

def test_editing_keeps_the_earlier_version_and_marks_the_post_edited(bea):
    post = actions.do_create_post(bea, body="First words", content_note="feeding")
    edited = actions.do_edit_post(bea, post.id, body="Better words", content_note="")
    assert edited.edited_at is not None and edited.body == "Better words" and edited.content_note == ""
    revision = PostRevision.objects.get(post=post)
    assert (revision.body, revision.content_note, revision.created_at) == ("First words", "feeding", post.created_at)
    actions.do_edit_post(bea, post.id, body="Best words")
    assert list(post.revisions.values_list("body", flat=True)) == ["Better words", "First words"]


def test_an_edit_that_changes_nothing_keeps_no_revision(bea):
    post = actions.do_create_post(bea, body="Same")
    actions.do_edit_post(bea, post.id, body="  Same  ")
    post.refresh_from_db()
    assert post.edited_at is None and not post.revisions.exists()


def test_editing_updates_hashtags_and_mentions_and_notifies_only_new_mentions(bea):
    cal, dee = make_member("cal"), make_member("dee")
    post = committed(actions.do_create_post, bea, body="#weaning with @cal")
    committed(actions.do_edit_post, bea, post.id, body="#sleep with @cal and @dee")
    assert list(post.hashtags.values_list("name", flat=True)) == ["sleep"]
    assert sorted(Mention.objects.filter(post=post).values_list("member__handle", flat=True)) == ["cal", "dee"]
    assert Notification.objects.filter(recipient=cal, kind=Notification.Kind.MENTION).count() == 1
    assert Notification.objects.filter(recipient=dee, kind=Notification.Kind.MENTION).count() == 1
    committed(actions.do_edit_post, bea, post.id, body="Just @dee now")
    assert list(Mention.objects.filter(post=post).values_list("member__handle", flat=True)) == ["dee"]
    assert not post.hashtags.exists()


def test_a_failed_edit_changes_nothing(bea):
    post = actions.do_create_post(bea, body="Fine as it is #sleep")
    with pytest.raises(ValidationError):
        actions.do_edit_post(bea, post.id, body="x" * 2001)
    post.refresh_from_db()
    assert post.body == "Fine as it is #sleep" and post.edited_at is None and not post.revisions.exists()


def test_a_blog_edit_can_change_its_title_but_not_remove_it(bea):
    blog = actions.do_create_post(bea, kind="blog", title="Old title", body="Text")
    assert actions.do_edit_post(bea, blog.id, body="Text", title="New title").title == "New title"
    with pytest.raises(ValidationError):
        actions.do_edit_post(bea, blog.id, body="Text", title="")


def test_only_the_author_can_edit_a_post(bea):
    post = actions.do_create_post(bea, body="Mine")
    with pytest.raises(Http404):
        actions.do_edit_post(make_member("cal"), post.id, body="Not yours")
    with pytest.raises(Http404):
        actions.do_edit_post(make_member("boss", staff=True), post.id, body="Not yours either")


# --- Deleting -----------------------------------------------------------------------------------------

def test_deleting_a_post_leaves_a_tombstone_and_removes_its_tags_and_images(bea, media_root):
    post = committed(actions.do_create_post, bea, body="#sleep pics", images=[upload()])
    committed(actions.do_delete_post, bea, post.id)
    post.refresh_from_db()
    assert post.is_deleted
    assert not post.hashtags.exists() and not post.images.exists()
    assert stored_files(media_root) == []
    assert not Post.objects.visible_to(bea).filter(id=post.id).exists()


def test_another_member_cannot_delete_a_post_but_staff_can(bea):
    post = actions.do_create_post(bea, body="Mine")
    with pytest.raises(Http404):
        actions.do_delete_post(make_member("cal"), post.id)
    actions.do_delete_post(make_member("boss", staff=True), post.id)
    post.refresh_from_db()
    assert post.is_deleted


def test_deleting_twice_is_a_404(bea):
    post = actions.do_create_post(bea, body="Mine")
    actions.do_delete_post(bea, post.id)
    with pytest.raises(Http404):
        actions.do_delete_post(bea, post.id)


def test_a_bad_cover_is_reported_against_the_cover(bea):
    with pytest.raises(ValidationError) as error:
        actions.do_create_post(bea, kind="blog", title="T", body="B", cover=ImageUpload(file=not_an_image()))
    assert "cover" in error.value.message_dict



def test_editing_a_mention_out_of_a_post_takes_back_its_notification(db):
    author, bea = make_member("writer"), make_member("beaname")
    post = committed(actions.do_create_post, author, body="Thanks @beaname for the tea")
    assert Notification.objects.filter(recipient=bea, kind="mention").count() == 1
    committed(actions.do_edit_post, author, post.id, body="Thanks everyone for the tea")
    assert not Notification.objects.filter(recipient=bea, kind="mention").exists()
