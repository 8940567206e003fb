"""The one lookup the post and comment actions share: something the member wrote."""

from __future__ import annotations

from typing import TypeVar

from django.http import Http404

from kettle.accounts.models import Member
from kettle.social.models import Comment, Post

Owned = TypeVar("Owned", Post, Comment)


def own(model: type[Owned], member: Member, object_id: int) -> Owned:
    """The member's own post or comment, unless deleted. Anything else is a 404 ("No such post."),
    so nobody learns that someone else's exists."""
    found = model.objects.filter(id=object_id, author=member, deleted_at=None).first()
    if found is None:
        raise Http404(f"No such {model._meta.model_name}.")
    return found
