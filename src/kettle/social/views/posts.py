"""A post's own page (with its comments), writing a new post, editing, earlier versions and
deleting. Anything the viewer may not see answers 404."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from kettle.accounts.models import Member
from kettle.groups.access import visible_group
from kettle.groups.models import Group
from kettle.groups.queries import can_moderate
from kettle.social import actions
from kettle.social.forms import CommentForm, ComposeForm, EditPostForm
from kettle.social.models import Comment, Post, Reaction
from kettle.social.models.posts import CONTENT_NOTE_SUGGESTIONS
from kettle.social.queries import without_blocked
from kettle.social.views.helpers import card_for, safe_next


@dataclass
class Thread:
    """A top-level comment and its replies. `comment` is None when the viewer can't see the
    comment a reply answered (hidden, or its author blocked): the replies still show."""

    comment: Comment | None
    replies: list[Comment] = field(default_factory=list)


def threads_of(comments: list[Comment]) -> list[Thread]:
    threads: dict[int, Thread] = {}
    orphans: dict[int, Thread] = {}
    for comment in comments:
        if comment.parent_id is None:
            threads[comment.id] = Thread(comment)
    for comment in comments:
        if comment.parent_id is not None:
            thread = threads.get(comment.parent_id) or orphans.setdefault(comment.parent_id, Thread(None))
            thread.replies.append(comment)
    return sorted([*threads.values(), *orphans.values()],
                  key=lambda t: t.comment.id if t.comment else t.replies[0].id)


WHO_REACTED_SHOWN = 60


def who_reacted(viewer: Member | None, post: Post) -> list[tuple[str, list[Member]]]:
    """The newest reactions on a post, by kind, from members this viewer may see (one query)."""
    reactions = without_blocked(Reaction.objects.filter(post=post, member__is_active=True), viewer, "member")
    if viewer is None:
        reactions = reactions.filter(member__profile__is_public=True)
    by_kind: dict[str, list[Member]] = {}
    for reaction in reactions.select_related("member__profile").order_by("-id")[:WHO_REACTED_SHOWN]:
        by_kind.setdefault(reaction.kind, []).append(reaction.member)
    return [(label, by_kind[kind]) for kind, label in Reaction.Kind.choices if kind in by_kind]


def at_address(posts, *, handle: str | None = None, slug: str | None = None):
    """Narrow posts to the address they were asked for: a member's post lives under their
    handle, a group post under its group's slug (never its author's handle, so an anonymous
    post can't be found by guessing who wrote it)."""
    if slug is not None:
        return posts.filter(group__slug=slug.lower())
    return posts.filter(group=None, author__handle=(handle or "").lower())


def visible_post(request: HttpRequest, post_id: int, *, handle: str | None = None, slug: str | None = None) -> Post:
    return get_object_or_404(at_address(Post.objects.visible_to(request.member).for_display(), handle=handle,
                                        slug=slug), id=post_id)


def post_page(request: HttpRequest, post: Post, *, comment_form: CommentForm | None = None,
              reply_to: int | None = None, status: int = 200) -> HttpResponse:
    viewer = request.member
    comments = list(Comment.objects.visible_to(viewer).filter(post=post)
                    .select_related("author__profile").order_by("id"))
    is_author = viewer is not None and viewer.id == post.author_id
    card = card_for(post, viewer)
    moderator = post.group is not None and can_moderate(viewer, post.group)
    return render(request, "social/post.html", {
        "card": card, "full": True, "post": post, "threads": threads_of(comments),
        "reveal_anonymous": card.revealed or is_author, "can_remove": bool(viewer and viewer.is_staff) or moderator,
        "post_author_name": card.author.profile.display_name if card.author else "The anonymous author",
        "comment_form": comment_form if reply_to is None and comment_form else CommentForm(),
        "reply_form": comment_form if reply_to is not None else None, "reply_to": reply_to,
        "is_author": is_author, "vent_reminder": post.vent_mode and not is_author,
        "who_reacted": who_reacted(viewer, post) if post.hug_count + post.me_too_count + post.helpful_count else [],
    }, status=status)


def post_detail(request: HttpRequest, post_id: int, handle: str | None = None, slug: str | None = None
                ) -> HttpResponse:
    post = at_address(Post.objects.visible_to(request.member).for_display(), handle=handle, slug=slug).filter(
        id=post_id).first()
    if post is not None:
        return post_page(request, post)
    # A deleted post leaves a tombstone, with its thread, for those who could see it before.
    gone = at_address(Post.objects.visible_to(request.member, include_deleted=True).for_display(), handle=handle,
                      slug=slug).filter(id=post_id, deleted_at__isnull=False).first()
    if gone is None:
        raise Http404("No such post.")
    comments = (Comment.objects.visible_to(request.member, include_deleted_posts=True).filter(post=gone)
                .select_related("author__profile").order_by("id"))
    return render(request, "social/post_deleted.html", {"post": gone, "threads": threads_of(list(comments)),
                                                        "post_author_name": "The post's author"},
                  status=410)


def compose_group(request: HttpRequest) -> Group | None:
    """The group a post is being written for (POST `group`, or ?group= on the full form):
    one the writer may see, else a 404 (its existence leaks nothing)."""
    slug = (request.POST.get("group") if request.method == "POST" else request.GET.get("group")) or ""
    return visible_group(request.member, slug.strip()) if slug.strip() else None


@login_required
@require_http_methods(["GET", "POST"])
def post_new(request: HttpRequest) -> HttpResponse:
    """Write a post, on a profile or in a group. Photos without a description bring the form
    back with a gentle prompt and a "Post without descriptions" button; the chosen photos are
    kept meanwhile. What the action refuses (not a member, no anonymous posts here) comes back
    as form errors."""
    member = request.member
    group = compose_group(request)
    alt_prompt = False
    if request.method != "POST":
        return compose_page(request, ComposeForm(member=member, group=group,
                                                 initial={"kind": request.GET.get("kind") or Post.Kind.UPDATE}))
    form = ComposeForm(request.POST, request.FILES, member=member, group=group)
    if form.is_valid():
        if form.missing_descriptions() and not request.POST.get("without_descriptions"):
            alt_prompt = True
        else:
            kwargs = form.action_kwargs()
            try:
                post = actions.do_create_post(member, **kwargs)
            except ValidationError as error:
                form.apply_errors(error)
            except PermissionDenied as error:
                form.add_error(None, str(error) or "You can't post here.")
            else:
                form.discard_kept()
                return published(request, post)
            finally:
                form.close_files(kwargs)
    if hasattr(form, "cleaned_data"):
        form.keep_photos()
    return compose_page(request, form, alt_prompt=alt_prompt, status=400 if form.errors else 200)


def published(request: HttpRequest, post: Post) -> HttpResponse:
    """Where a new post sends its writer: a post held for approval goes back to its group
    (the post itself isn't out yet); anything else to the page it was written on, or the post."""
    if post.is_held:
        messages.success(request, "Thanks! A moderator will look at it soon.")
        return HttpResponseRedirect(post.group.url)
    messages.success(request, "Posted. Thank you for sharing.")
    return HttpResponseRedirect(safe_next(request, post.url))


def compose_page(request: HttpRequest, form: ComposeForm, *, alt_prompt: bool = False,
                 status: int = 200) -> HttpResponse:
    return render(request, "social/post_new.html", {"form": form, "alt_prompt": alt_prompt, "group": form.group,
                                                    "note_suggestions": CONTENT_NOTE_SUGGESTIONS}, status=status)


def own_post(request: HttpRequest, post_id: int, **address) -> Post:
    post = visible_post(request, post_id, **address)
    if post.author_id != request.member.id:
        raise Http404("No such post.")
    return post


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request: HttpRequest, post_id: int, **address) -> HttpResponse:
    post = own_post(request, post_id, **address)
    if request.method == "POST":
        form = EditPostForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                actions.do_edit_post(request.member, post.id, body=data["body"],
                                     title=data["title"] if post.is_blog else None,
                                     content_note=data["content_note"], vent_mode=data["vent_mode"])
            except ValidationError as error:
                form.apply_errors(error)
            else:
                messages.success(request, "Saved. Readers can see it was edited, and look back at earlier "
                                          "versions.")
                return redirect(post.url)
    else:
        form = EditPostForm(initial={"title": post.title, "body": post.body, "content_note": post.content_note,
                                     "vent_mode": post.vent_mode})
    return render(request, "social/post_edit.html", {"form": form, "post": post,
                                                     "note_suggestions": CONTENT_NOTE_SUGGESTIONS},
                  status=400 if form.errors else 200)


def post_history(request: HttpRequest, post_id: int, **address) -> HttpResponse:
    post = visible_post(request, post_id, **address)
    return render(request, "social/post_history.html", {"post": post, "revisions": list(post.revisions.all())})


@login_required
@require_http_methods(["GET", "POST"])
def post_delete(request: HttpRequest, post_id: int, **address) -> HttpResponse:
    post = visible_post(request, post_id, **address)
    moderator = post.group is not None and can_moderate(request.member, post.group)
    if post.author_id != request.member.id and not request.member.is_staff and not moderator:
        raise Http404("No such post.")
    if request.method == "POST":
        actions.do_delete_post(request.member, post.id)
        messages.success(request, "Your post is deleted." if post.author_id == request.member.id
                         else "The post is deleted.")
        return redirect(post.group.url if post.group is not None else "home")
    return render(request, "social/post_delete.html", {"post": post})
