"""A member's blog page with their blog roll, the blog roll editor and its OPML export.

The blog page and the OPML follow the profile's visibility (404 where /@handle is); members
on a blog roll are shown only if the viewer may see them."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

from kettle.accounts.models import Member
from kettle.core.forms import KettleForm
from kettle.social import actions, timelines
from kettle.social.actions.blogs import MAX_ENTRIES
from kettle.social.models import BlogRollEntry
from kettle.social.views.relationships import before_param, visible_member

LISTED_BY_LIMIT = 24


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def blog_roll_for(viewer: Member | None, owner: Member) -> list[BlogRollEntry]:
    """The owner's blog roll as this viewer may see it: members they can't see are left out."""
    visible = Member.objects.visible_to(viewer)
    return list(BlogRollEntry.objects.filter(owner=owner).filter(Q(blog=None) | Q(blog__in=visible))
                .select_related("blog__profile"))


def listed_by(viewer: Member | None, member: Member) -> list[Member]:
    """Members whose blog roll lists this one, among those the viewer may see."""
    return list(Member.objects.visible_to(viewer).filter(blog_roll__blog=member).with_profile()
                .order_by("profile__display_name", "id")[:LISTED_BY_LIMIT])


def blog(request: HttpRequest, handle: str) -> HttpResponse:
    viewer = request.member
    member = visible_member(viewer, handle)
    page = timelines.blog_posts(viewer, member, before=before_param(request))
    return render(request, "social/blog.html", {
        "member": member, "profile": member.profile, "page": page,
        "blog_roll": blog_roll_for(viewer, member), "listed_by": listed_by(viewer, member),
        "is_me": viewer is not None and viewer.id == member.id,
        # Feeds are public documents: only a public profile has them.
        "has_feeds": member.profile.is_public,
        "rss_url": absolute(reverse("social:blog_rss", kwargs={"handle": member.handle})),
        "atom_url": absolute(reverse("social:blog_atom", kwargs={"handle": member.handle})),
    })


# The blog roll editor ----------------------------------------------------------------------

class BlogRollForm(KettleForm):
    WORDS: dict[str, dict[str, str]] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, words in self.WORDS.items():  # ours win over KettleForm's general ones
            self.fields[name].error_messages.update(words)


class MemberBlogForm(BlogRollForm):
    handle = forms.CharField(max_length=31, label="Their @handle",
                             widget=forms.TextInput(attrs={"autocapitalize": "none", "autocomplete": "off"}))
    WORDS = {"handle": {"required": "Add the @handle of the blog you'd like to list.",
                        "max_length": "We couldn't find a Kettle blog with that handle."}}


class LinkBlogForm(BlogRollForm):
    title = forms.CharField(max_length=120, label="Blog name")
    url = forms.CharField(max_length=500, label="Web address", widget=forms.URLInput(attrs={
        "placeholder": "https://", "autocapitalize": "none"}))
    WORDS = {"title": {"required": "Give the blog a name.", "max_length": "Please keep the name to 120 characters."},
             "url": {"required": "Add the blog's web address, starting with https://.",
                     "max_length": "That web address is too long (500 characters at most)."}}


def _as_entries(rows: list[BlogRollEntry]) -> list[dict]:
    return [{"handle": row.blog.handle} if row.blog_id else {"url": row.url, "title": row.title} for row in rows]


def _apply_errors(form: KettleForm, error: ValidationError, index: int) -> None:
    """Errors about the new entry go on its fields; anything else on the form as a whole."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for key, texts in error.message_dict.items():
        name = key.rsplit(".", 1)[-1]
        if key.startswith(f"entries.{index}.") and name in form.fields:
            form.add_error(name, texts)
        else:
            form.add_error(None, texts)


def _move(rows: list[BlogRollEntry], entry_id: int, op: str) -> list[BlogRollEntry] | None:
    index = next((i for i, row in enumerate(rows) if row.id == entry_id), None)
    if index is None:
        return None
    rows = list(rows)
    if op == "remove":
        del rows[index]
    elif op == "up" and index > 0:
        rows[index - 1], rows[index] = rows[index], rows[index - 1]
    elif op == "down" and index < len(rows) - 1:
        rows[index + 1], rows[index] = rows[index], rows[index + 1]
    return rows


@login_required
def blog_roll_edit(request: HttpRequest) -> HttpResponse:
    me = request.member
    rows = blog_roll_for(me, me)  # a listed member who has since blocked me quietly drops off
    member_form, link_form = MemberBlogForm(prefix="member"), LinkBlogForm(prefix="link")
    if request.method == "POST":
        op = request.POST.get("op", "")
        if op in ("add_member", "add_link"):
            form = MemberBlogForm(request.POST, prefix="member") if op == "add_member" else \
                LinkBlogForm(request.POST, prefix="link")
            if op == "add_member":
                member_form = form
            else:
                link_form = form
            if form.is_valid():
                try:
                    actions.do_set_blog_roll(me, _as_entries(rows) + [form.cleaned_data])
                except ValidationError as error:
                    _apply_errors(form, error, len(rows))
                else:
                    messages.success(request, "Added to your blog roll.")
                    return redirect("social:blog_roll_edit")
        elif op in ("up", "down", "remove"):
            try:
                moved = _move(rows, int(request.POST.get("entry", "")), op)
            except ValueError:
                moved = None
            if moved is not None:
                actions.do_set_blog_roll(me, _as_entries(moved))
                messages.success(request, "Removed." if op == "remove" else "Moved.")
            return redirect("social:blog_roll_edit")
    return render(request, "social/blog_roll_edit.html", {
        "rows": rows, "member_form": member_form, "link_form": link_form, "max_entries": MAX_ENTRIES,
        "section": "blog_roll"})


# OPML export -----------------------------------------------------------------------------

def blog_roll_opml(request: HttpRequest, handle: str) -> HttpResponse:
    """The blog roll as OPML 2.0, for importing into a feed reader. Built with ElementTree,
    so every title and address is escaped."""
    viewer = request.member
    member = visible_member(viewer, handle)
    rows = blog_roll_for(viewer, member)
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = f"{member.display_name}'s blog roll on {settings.SITE_NAME}"
    ET.SubElement(head, "dateCreated").text = http_date(timezone.now().timestamp())
    ET.SubElement(head, "ownerName").text = member.display_name
    ET.SubElement(head, "docs").text = "http://opml.org/spec2.opml"
    body = ET.SubElement(root, "body")
    for row in rows:
        if row.blog_id:
            name = f"{row.blog.display_name} (@{row.blog.handle})"
            page = absolute(reverse("social:blog", kwargs={"handle": row.blog.handle}))
            if row.blog.profile.is_public:
                feed = absolute(reverse("social:blog_rss", kwargs={"handle": row.blog.handle}))
                ET.SubElement(body, "outline", type="rss", text=name, title=name, xmlUrl=feed, htmlUrl=page)
            else:
                ET.SubElement(body, "outline", type="link", text=name, url=page)
        else:
            ET.SubElement(body, "outline", type="link", text=row.title, url=row.url)
    xml = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    response = HttpResponse(xml, content_type="text/x-opml; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{member.handle}-blogroll.opml"'
    return response
