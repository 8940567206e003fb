"""Reports from members. Full moderation tools come in the moderation issue."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404

from kettle.accounts.models import Member
from kettle.core import ratelimit
from kettle.moderation.models import Report


@transaction.atomic
def do_report(reporter: Member, *, reason: str, text: str = "", post_id: int | None = None,
              comment_id: int | None = None, member_handle: str | None = None) -> Report:
    """Record a report about something the reporter can see. Staff see it in the admin."""
    from kettle.social.models import Comment, Post

    if reason not in Report.Reason.values:
        raise ValidationError({"reason": ["Choose the reason that fits best."]})
    text = (text or "").strip()
    if len(text) > 2000:
        raise ValidationError({"text": ["Please keep this to 2,000 characters."]})
    post = comment = None
    if comment_id is not None:
        comment = Comment.objects.visible_to(reporter).filter(id=comment_id, deleted_at=None).first()
        if comment is None:
            raise Http404("No such comment.")
        reported, post = comment.author, comment.post
    elif post_id is not None:
        post = Post.objects.visible_to(reporter).filter(id=post_id).first()
        if post is None:
            raise Http404("No such post.")
        reported = post.author
    elif member_handle:
        reported = Member.objects.visible_to(reporter).filter(handle=member_handle.lower()).first()
        if reported is None:
            raise Http404("No such member.")
    else:
        raise ValidationError("Say what you're reporting.")
    if reported.id == reporter.id:
        raise ValidationError("That's your own.")
    ratelimit.hit("report", str(reporter.id), settings.REPORT_RATE)
    return Report.objects.create(reporter=reporter, reported_member=reported, post=post, comment=comment,
                                 reason=reason, text=text)
