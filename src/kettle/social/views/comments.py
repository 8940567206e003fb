"""Writing, editing, deleting and hiding comments. Each answers a plain form post with a
redirect back to the comment on the post's page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods, require_POST

from kettle.social import actions
from kettle.social.forms import CommentForm, EditCommentForm
from kettle.social.models import Comment, Post
from kettle.social.views.posts import post_page


def _comment_url(comment: Comment) -> str:
    return f"{comment.post.url}#comment-{comment.id}"


def _own_comment(request: HttpRequest, comment_id: int) -> Comment:
    comment = get_object_or_404(Comment.objects.visible_to(request.member).select_related("post__author"),
                                id=comment_id, deleted_at=None)
    if comment.author_id != request.member.id and not request.member.is_staff:
        raise Http404("No such comment.")
    return comment


@login_required
@require_POST
def comment(request: HttpRequest, post_id: int) -> HttpResponse:
    post = get_object_or_404(Post.objects.visible_to(request.member).for_display(), id=post_id)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            created = actions.do_comment(request.member, post.id, body=form.cleaned_data["body"],
                                         parent_id=form.cleaned_data.get("parent_id"))
        except ValidationError as error:
            form.apply_errors(error)
        else:
            return HttpResponseRedirect(f"{post.url}#comment-{created.id}")
    reply_to = form.cleaned_data.get("parent_id") if hasattr(form, "cleaned_data") else None
    return post_page(request, post, comment_form=form, reply_to=reply_to, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def comment_edit(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = _own_comment(request, comment_id)
    if comment.author_id != request.member.id:
        raise Http404("No such comment.")
    form = EditCommentForm(request.POST or None, initial={"body": comment.body})
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_edit_comment(request.member, comment.id, body=form.cleaned_data["body"])
        except ValidationError as error:
            form.apply_errors(error)
        else:
            return HttpResponseRedirect(_comment_url(comment))
    return render(request, "social/comment_edit.html", {"form": form, "comment": comment},
                  status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def comment_delete(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = _own_comment(request, comment_id)
    if request.method == "POST":
        actions.do_delete_comment(request.member, comment.id)
        messages.success(request, "Your comment is deleted." if comment.author_id == request.member.id
                         else "The comment is deleted.")
        return HttpResponseRedirect(_comment_url(comment))
    return render(request, "social/comment_delete.html", {"comment": comment})


@login_required
@require_POST
def comment_hide(request: HttpRequest, comment_id: int) -> HttpResponse:
    """The post's author hides a reply (or shows it again with hidden=0)."""
    hidden = request.POST.get("hidden", "1") != "0"
    try:
        comment = actions.do_hide_comment(request.member, comment_id, hidden=hidden)
    except PermissionDenied:
        raise Http404("No such comment.") from None
    messages.success(request, "Hidden. Only you and the person who wrote it can see it now." if hidden
                     else "It's showing again.")
    return HttpResponseRedirect(_comment_url(comment))
