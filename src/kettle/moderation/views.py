"""The report form for a post, a comment or a profile, and its thank-you page.

Something the reporter may not see is a 404 here, as everywhere: a report form never
confirms that a hidden post or profile exists."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from kettle.accounts.models import Member
from kettle.core.forms import KettleForm
from kettle.moderation import actions
from kettle.moderation.models import Report


class ReportForm(KettleForm):
    reason = forms.ChoiceField(choices=Report.Reason.choices, widget=forms.RadioSelect, label="What's wrong?")
    text = forms.CharField(required=False, max_length=2000, label="Anything you'd like to add? (optional)",
                           widget=forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
                           help_text="Only our team will read this.")
    WORDS = {"reason": {"required": "Choose the reason that fits best.",
                        "invalid_choice": "Choose the reason that fits best."},
             "text": {"max_length": "Please keep this to 2,000 characters."}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, words in self.WORDS.items():  # ours win over KettleForm's general ones
            self.fields[name].error_messages.update(words)


def _int(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        raise Http404("No such thing.") from None


def _target(request: HttpRequest) -> tuple[dict, dict]:
    """What is being reported, from ?post=, ?comment= or ?member=, as the action's keyword
    arguments and as what the page shows. 404 if the reporter can't see it."""
    from kettle.social.models import Comment, Post

    viewer = request.member
    if "comment" in request.GET:
        comment = (Comment.objects.visible_to(viewer).filter(id=_int(request.GET["comment"]), deleted_at=None)
                   .select_related("author__profile", "post__author").first())
        if comment is None:
            raise Http404("No such comment.")
        return {"comment_id": comment.id}, {"kind": "comment", "about": comment.author, "comment": comment,
                                            "anonymous": comment.is_anonymous,
                                            "back": f"{comment.post.url}#comment-{comment.id}"}
    if "post" in request.GET:
        post = Post.objects.visible_to(viewer).for_display().filter(id=_int(request.GET["post"])).first()
        if post is None:
            raise Http404("No such post.")
        return {"post_id": post.id}, {"kind": "post", "about": post.author, "post": post, "back": post.url,
                                      "anonymous": post.is_anonymous}
    handle = (request.GET.get("member") or "").lstrip("@").lower()
    member = Member.objects.visible_to(viewer).with_profile().filter(handle=handle).first() if handle else None
    if member is None:
        raise Http404("No such member.")
    return {"member_handle": member.handle}, {"kind": "profile", "about": member, "back": member.url}


@login_required
def report(request: HttpRequest) -> HttpResponse:
    target, shown = _target(request)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_report(request.member, **form.cleaned_data, **target)
        except ValidationError as error:
            form.apply_errors(error)
        else:
            done = reverse("moderation:report_done")
            if shown.get("anonymous"):  # the reporter never learns who wrote an anonymous post
                return redirect(done)
            return redirect(f"{done}?{urlencode({'about': shown['about'].handle})}")
    is_own = shown["about"].id == request.member.id
    if shown.get("anonymous") and not is_own:
        shown["about"] = None
    return render(request, "moderation/report.html", {"form": form, **shown, "is_own": is_own})


@login_required
def report_done(request: HttpRequest) -> HttpResponse:
    handle = (request.GET.get("about") or "").lower()
    about = None
    if handle and handle != request.member.handle:
        about = Member.objects.visible_to(request.member).with_profile().filter(handle=handle).first()
    return render(request, "moderation/report_done.html", {"about": about})
