"""Posts: publish, read, edit, delete, earlier versions, reactions and bookmarks."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import File, Query, Router, Status
from ninja.files import UploadedFile

from kettle.accounts.models import Member
from kettle.api.auth import optional_auth
from kettle.api.pagination import PageParams
from kettle.core.pagination import keyset_page
from kettle.groups.access import visible_group
from kettle.groups.actions import PollSpec
from kettle.social import actions, uploads
from kettle.social.actions.posts import ImageUpload
from kettle.social.api.common import ObjectId, new_post_out, post_out, viewer_of, visible_post
from kettle.social.models import Post, Reaction
from kettle.social.schemas import (
    REACTION_KINDS,
    AuthorOut,
    BookmarkOut,
    CountsOut,
    MediaOut,
    PostIn,
    PostOut,
    PostPatch,
    ReactionIn,
    ReactionKind,
    ReactionOut,
    ReactionsOut,
    ReactionsSummaryOut,
    RevisionOut,
    RevisionPageOut,
)

router = Router(tags=["posts"])


@router.post("/media", response={201: MediaOut}, summary="Upload a photo for a post you are about to publish")
def upload_media(request: HttpRequest, file: File[UploadedFile]):
    try:
        token, path = uploads.keep_image(request.member, file)
    except ValidationError as error:
        raise ValidationError({"file": error.messages})
    return Status(201, MediaOut(media_id=token, url=f"/media/{path}"))


def _kept(member, ref, field: str) -> tuple[ImageUpload, str]:
    path = uploads.kept_path(member, ref.media_id)
    if path is None:
        raise ValidationError({field: ["That photo has expired or isn't yours. Upload it again with POST /media."]})
    return ImageUpload(file=uploads.open_kept(path), alt_text=ref.alt_text), path


def _group_id(member: Member, data: PostIn) -> int | None:
    """The group a post goes in, by slug: one the member may see, or a field error."""
    if data.group is None:
        return None
    if "audience" in data.model_fields_set:
        raise ValidationError({"audience": ["A group post is seen by whoever may read the group. Leave audience "
                                            "out when you send group."]})
    try:
        return visible_group(member, data.group).id
    except Http404:
        raise ValidationError({"group": ["We couldn't find that group. Check its slug."]}) from None


@router.post("/posts", response={201: PostOut},
             summary="Publish an update or a blog post, or a post in a group (perhaps anonymous), with a poll")
def create_post(request: HttpRequest, data: PostIn):
    fields = data.model_dump(exclude={"images", "cover", "group", "poll"})
    fields["group_id"] = _group_id(request.member, data)
    fields["poll"] = PollSpec(**data.poll.model_dump()) if data.poll is not None else None
    kept = [_kept(request.member, ref, f"images.{i}") for i, ref in enumerate(data.images)]
    cover = _kept(request.member, data.cover, "cover") if data.cover else None
    try:
        post = actions.do_create_post(request.member, **fields, images=[upload for upload, _ in kept],
                                      cover=cover[0] if cover else None)
    finally:
        for upload, _ in kept + ([cover] if cover else []):
            upload.file.close()
    for _, path in kept + ([cover] if cover else []):
        uploads.discard(path)  # the post has its own copies now
    return Status(201, new_post_out(post, request.member, with_images=bool(kept)))


@router.get("/posts/{post_id}", response=PostOut, auth=optional_auth, summary="One post, if you may see it")
def get_post(request: HttpRequest, post_id: ObjectId):
    viewer = viewer_of(request)
    return post_out(visible_post(viewer, post_id), viewer)


@router.patch("/posts/{post_id}", response=PostOut,
              summary="Change your post's words; the earlier version is kept for readers")
def edit_post(request: HttpRequest, post_id: ObjectId, data: PostPatch):
    post = visible_post(request.member, post_id)
    if post.author_id != request.member.id:
        raise Http404("No such post.")
    sent = data.model_dump(exclude_unset=True)
    body = sent["body"] if sent.get("body") is not None else post.body
    actions.do_edit_post(request.member, post.id, body=body, title=sent.get("title"),
                         content_note=sent.get("content_note"), vent_mode=sent.get("vent_mode"))
    return post_out(visible_post(request.member, post.id), request.member)


@router.delete("/posts/{post_id}", response={204: None},
               summary="Delete your post: gone from feeds, tags, search and notifications")
def delete_post(request: HttpRequest, post_id: ObjectId):
    actions.do_delete_post(request.member, post_id)
    return Status(204, None)


@router.get("/posts/{post_id}/revisions", response=RevisionPageOut, auth=optional_auth,
            summary="Earlier versions of an edited post, newest first")
def post_revisions(request: HttpRequest, post_id: ObjectId, page: Query[PageParams]):
    post = visible_post(viewer_of(request), post_id)
    revisions = keyset_page(post.revisions.all(), before=page.before, limit=page.limit)
    return RevisionPageOut(items=[RevisionOut.of(r) for r in revisions.items], next_before=revisions.next_before)


# --- reactions -----------------------------------------------------------------------------

def _my_reactions(post: Post, viewer: Member | None) -> list[str]:
    if viewer is None:
        return []
    mine = set(Reaction.objects.filter(post=post, member=viewer).values_list("kind", flat=True))
    return [kind for kind in REACTION_KINDS if kind in mine]


def _summary(viewer: Member, post_id: int) -> ReactionsSummaryOut:
    post = visible_post(viewer, post_id)
    return ReactionsSummaryOut(counts=CountsOut.of(post), my_reactions=_my_reactions(post, viewer))


@router.get("/posts/{post_id}/reactions", response=ReactionsOut, auth=optional_auth,
            summary="Reaction counts and who reacted, newest first")
def list_reactions(request: HttpRequest, post_id: ObjectId, page: Query[PageParams],
                   kind: ReactionKind | None = None):
    viewer = viewer_of(request)
    post = visible_post(viewer, post_id)
    reactions = Reaction.objects.filter(post=post, member__in=Member.objects.visible_to(viewer)).select_related(
        "member__profile")
    if kind is not None:
        reactions = reactions.filter(kind=kind)
    found = keyset_page(reactions, before=page.before, limit=page.limit)
    return ReactionsOut(
        counts=CountsOut.of(post), my_reactions=_my_reactions(post, viewer),
        items=[ReactionOut(id=r.id, kind=r.kind, member=AuthorOut.of(r.member), created_at=r.created_at)
               for r in found.items],
        next_before=found.next_before)


@router.post("/posts/{post_id}/reactions", response={200: ReactionsSummaryOut, 201: ReactionsSummaryOut},
             summary="Send a hug, a \"me too\" or a \"helpful\"; once of each kind")
def react(request: HttpRequest, post_id: ObjectId, data: ReactionIn):
    created = actions.do_react(request.member, post_id, data.kind)
    return Status(201 if created else 200, _summary(request.member, post_id))


@router.delete("/posts/{post_id}/reactions", response=ReactionsSummaryOut, summary="Take a reaction back")
def unreact(request: HttpRequest, post_id: ObjectId, kind: ReactionKind):
    actions.do_unreact(request.member, post_id, kind)
    return _summary(request.member, post_id)


# --- bookmarks -----------------------------------------------------------------------------

@router.post("/posts/{post_id}/bookmark", response=BookmarkOut, summary="Save a post; only you ever know")
def bookmark(request: HttpRequest, post_id: ObjectId):
    actions.do_bookmark(request.member, post_id)
    return BookmarkOut(bookmarked=True)


@router.delete("/posts/{post_id}/bookmark", response=BookmarkOut, summary="Forget a saved post")
def unbookmark(request: HttpRequest, post_id: ObjectId):
    visible_post(request.member, post_id)
    actions.do_unbookmark(request.member, post_id)
    return BookmarkOut(bookmarked=False)
