"""HTML forms for posts and comments: they parse what a browser sends; the actions decide
what is allowed and say what is wrong."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from kettle.core.forms import KettleForm
from kettle.groups.poll_forms import PollFieldsMixin
from kettle.social import uploads
from kettle.social.actions.posts import MAX_IMAGES, ImageUpload
from kettle.social.models import Post
from kettle.social.models.posts import COMMENT_MAX, CONTENT_NOTE_MAX, CONTENT_NOTE_SUGGESTIONS, TITLE_MAX

SLOTS = range(1, MAX_IMAGES + 1)
ALT_MAX = 300
IMAGE_TYPES = "image/jpeg,image/png,image/webp,image/gif"
WRITE_FIRST = {"required": "Write something first."}
NOTE_ATTRS = {"list": "content-note-suggestions", "autocomplete": "off", "maxlength": CONTENT_NOTE_MAX}


class SocialForm(KettleForm):
    """KettleForm's plain-English errors, with "Write something first." for an empty body."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "body" in self.fields:
            self.fields["body"].error_messages.update(WRITE_FIRST)


BLOG_ONLY = ("kind", "title", "cover", "cover_alt", "cover_pending")


class ComposeForm(PollFieldsMixin, SocialForm):
    """A new post: an update or a blog post, up to four photos each with a description.

    Photos chosen before the form has to be shown again (a missing description, a typo in
    the title) are kept re-encoded under pending/ and carried in signed hidden fields, so
    nobody has to choose them twice.

    With a `group`, the post goes to that group: the form carries the group's slug, has no
    audience or blog choice (group posts are updates), and offers "Post anonymously" where
    the group allows it. Either kind of post can carry a poll (see PollFieldsMixin)."""

    note_suggestions = CONTENT_NOTE_SUGGESTIONS

    kind = forms.ChoiceField(choices=Post.Kind.choices, initial=Post.Kind.UPDATE, widget=forms.RadioSelect,
                             label="What are you writing?")
    title = forms.CharField(required=False, label="Title", help_text="Blog posts need a title.",
                            widget=forms.TextInput(attrs={"maxlength": TITLE_MAX}))
    body = forms.CharField(strip=False, label="What's on your mind?",
                           widget=forms.Textarea(attrs={"rows": 4}),
                           help_text="Updates up to 2,000 characters; blog posts can be much longer. "
                                     "Markdown works, and so do #hashtags and @mentions.")
    audience = forms.ChoiceField(choices=Post.Audience.choices, initial=Post.Audience.PUBLIC,
                                 widget=forms.RadioSelect, label="Who can see this?")
    content_note = forms.CharField(required=False, label="Content note (optional)",
                                   widget=forms.TextInput(attrs=NOTE_ATTRS),
                                   help_text="Your post stays folded behind the note until someone chooses to "
                                             "open it, for example “loss” or “birth story”.")
    vent_mode = forms.BooleanField(required=False, label="I just need to vent: support, not advice, please",
                                   help_text="People replying will see a gentle reminder, and you can hide any "
                                             "reply on your post.")
    cover = forms.FileField(required=False, label="Cover photo (blog posts)",
                            widget=forms.FileInput(attrs={"accept": IMAGE_TYPES}))
    cover_alt = forms.CharField(max_length=ALT_MAX, required=False, label="Describe the cover photo")
    cover_pending = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, member=None, group=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.member = member
        self.group = group
        if group is not None:
            for name in ("audience", *BLOG_ONLY):
                del self.fields[name]
            self.fields["group"] = forms.CharField(widget=forms.HiddenInput, initial=group.slug, required=False)
            # Always read, even where the group doesn't allow it, so a box ticked on a page
            # loaded before the group changed its mind is refused rather than posted with a name.
            self.fields["anonymous"] = forms.BooleanField(
                required=False, label="Post anonymously",
                help_text="Other members won't see your name. The group's moderators can, and replies still "
                          "reach you.")
        for slot in SLOTS:
            self.fields[f"image_{slot}"] = forms.FileField(required=False, label=f"Photo {slot}",
                                                           widget=forms.FileInput(attrs={"accept": IMAGE_TYPES}))
            self.fields[f"alt_{slot}"] = forms.CharField(
                max_length=ALT_MAX, required=False, label=f"Describe photo {slot}",
                help_text="A short description for people who can't see it, e.g. “Ada asleep on my chest”."
                if slot == 1 else "")
            self.fields[f"pending_{slot}"] = forms.CharField(required=False, widget=forms.HiddenInput)
        self.add_poll_fields()

    # --- photos ------------------------------------------------------------------------
    def _unsign(self, value: str) -> str | None:
        return uploads.kept_path(self.member, value)

    def pending_path(self, name: str) -> str | None:
        """The kept photo for a slot ("1".."4" or "cover"), if there is one."""
        field = "cover_pending" if name == "cover" else f"pending_{name}"
        return self._unsign(self.data.get(field, "") if self.is_bound else "")

    def photo_slots(self) -> list[dict]:
        """Each slot as the template shows it: its fields and the photo already kept for it."""
        slots = []
        for slot in SLOTS:
            path = self.pending_path(str(slot))
            slots.append({"file": self[f"image_{slot}"], "alt": self[f"alt_{slot}"],
                          "pending": self[f"pending_{slot}"], "kept_url": f"/media/{path}" if path else "",
                          "alt_text": (self[f"alt_{slot}"].value() or "").strip()})
        return slots

    def cover_kept_url(self) -> str:
        path = self.pending_path("cover")
        return f"/media/{path}" if path else ""

    def _chosen(self) -> list[tuple[str, object, str]]:
        """(slot, file or kept path, description) for every photo chosen, new or kept."""
        chosen = []
        for slot in SLOTS:
            upload = self.cleaned_data.get(f"image_{slot}")
            kept = self.pending_path(str(slot))
            if upload or kept:
                chosen.append((str(slot), upload or kept, self.cleaned_data.get(f"alt_{slot}", "").strip()))
        return chosen

    def missing_descriptions(self) -> list[str]:
        return [slot for slot, _, alt in self._chosen() if not alt]

    def keep_photos(self) -> None:
        """Re-encode newly chosen photos into pending/ so the re-shown form still has them."""
        if self.member is None:
            return
        data = self.data.copy()
        names = [str(slot) for slot in SLOTS]
        if self.cleaned_data.get("kind") == Post.Kind.BLOG:
            names.append("cover")
        for name in names:
            field_name = "cover" if name == "cover" else f"image_{name}"
            upload = self.files.get(field_name)
            if not upload or self.has_error(field_name):
                continue
            upload.seek(0)
            try:
                token, _ = uploads.keep_image(self.member, upload)
            except ValidationError as error:
                self.add_error(field_name, error.messages)
                continue
            old = self.pending_path(name)
            if old:
                uploads.discard(old)
            field = "cover_pending" if name == "cover" else f"pending_{name}"
            data[field] = token
        self.data = data

    def _upload(self, source, alt: str) -> ImageUpload:
        if isinstance(source, str):
            return ImageUpload(file=uploads.open_kept(source), alt_text=alt)
        return ImageUpload(file=source, alt_text=alt)

    def action_kwargs(self) -> dict:
        data = self.cleaned_data
        kind = data.get("kind") or Post.Kind.UPDATE
        kwargs = {"kind": kind, "title": data.get("title", ""),
                  "body": data["body"], "content_note": data.get("content_note", ""),
                  "vent_mode": data.get("vent_mode", False), "poll": self.poll_spec(),
                  "images": [self._upload(source, alt) for _, source, alt in self._chosen()]}
        if self.group is not None:
            kwargs.update(group_id=self.group.id, anonymous=data.get("anonymous", False))
        else:
            kwargs["audience"] = data["audience"]
        cover = data.get("cover") or self.pending_path("cover")
        if kind == Post.Kind.BLOG and cover:
            kwargs["cover"] = self._upload(cover, data.get("cover_alt", "").strip())
        return kwargs

    def posts_wait_for_approval(self) -> bool:
        """Whether this member's next post in the group waits for a moderator (as the action decides)."""
        from kettle.groups.models import Group
        from kettle.groups.queries import can_moderate, membership_of

        group = self.group
        if group is None or group.post_approval == Group.Approval.NONE or can_moderate(self.member, group):
            return False
        if group.post_approval == Group.Approval.ALL:
            return True
        membership = membership_of(self.member, group)
        return not (membership is not None and membership.trusted)

    def close_files(self, kwargs: dict) -> None:
        for upload in kwargs.get("images", []) + ([kwargs["cover"]] if kwargs.get("cover") else []):
            if hasattr(upload.file, "close") and not hasattr(upload.file, "content_type"):
                upload.file.close()

    def discard_kept(self) -> None:
        """Once the post is published (with its own copies), the kept photos go."""
        for name in [str(slot) for slot in SLOTS] + ["cover"]:
            path = self.pending_path(name)
            if path:
                uploads.discard(path)

    def apply_errors(self, error: ValidationError) -> None:
        """Action errors name photos by position among those chosen ("images.0.alt_text");
        show them beside the slot the member used."""
        if not hasattr(error, "error_dict"):
            return super().apply_errors(error)
        slots = [slot for slot, _, _ in self._chosen()] if hasattr(self, "cleaned_data") else []
        for key, messages in error.message_dict.items():
            parts = key.split(".")
            if parts[0] == "images" and len(parts) > 1 and parts[1].isdigit() and int(parts[1]) < len(slots):
                slot = slots[int(parts[1])]
                self.add_error(f"alt_{slot}" if parts[-1] == "alt_text" else f"image_{slot}", messages)
            elif self.poll_error_field(key):
                self.add_error(self.poll_error_field(key), messages)
            elif parts[0] == "cover":
                self.add_error("cover_alt" if parts[-1] == "alt_text" else "cover", messages)
            elif key == "images":
                self.add_error("image_1", messages)
            elif key in self.fields:
                self.add_error(key, messages)
            else:
                self.add_error(None, messages)
        return None

    def clean(self):
        data = super().clean()
        if data.get("kind", Post.Kind.UPDATE) != Post.Kind.BLOG:
            data["title"] = ""
        self.clean_poll_fields(data)
        return data


class EditPostForm(SocialForm):
    title = forms.CharField(required=False, label="Title", widget=forms.TextInput(attrs={"maxlength": TITLE_MAX}))
    body = forms.CharField(strip=False, label="Your post",
                           widget=forms.Textarea(attrs={"rows": 8}))
    content_note = forms.CharField(required=False, label="Content note (optional)",
                                   widget=forms.TextInput(attrs=NOTE_ATTRS),
                                   help_text="Folds your post behind the note until someone opens it.")
    vent_mode = forms.BooleanField(required=False, label="I just need to vent: support, not advice, please")


class CommentForm(SocialForm):
    body = forms.CharField(label="Add a comment",
                           widget=forms.Textarea(attrs={"rows": 3, "maxlength": COMMENT_MAX}))
    parent_id = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)


class EditCommentForm(SocialForm):
    body = forms.CharField(label="Your comment", widget=forms.Textarea(attrs={"rows": 4}))


class SearchForm(forms.Form):
    q = forms.CharField(max_length=200, required=False, label="Search posts")
