"""Timelines: home (with the compose box and the "new posts" pill), local, tag pages,
search, bookmarks and "Start here". Each answers the full page, or with htmx just its list."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from kettle.accounts.queries import home_context
from kettle.core.links import link
from kettle.core.pagination import Page
from kettle.social import start_here as start
from kettle.social import timelines
from kettle.social.forms import ComposeForm, SearchForm
from kettle.social.models.posts import CONTENT_NOTE_SUGGESTIONS
from kettle.social.views.helpers import before_param
from kettle.social.views.relationships import states_for

TAG_NAME_MAX = 60


def _list_or_page(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    """htmx asks for the next page of a list ("Older posts"): answer the list alone."""
    if request.htmx and not request.htmx.boosted:
        return render(request, "social/_post_list.html", context)
    return render(request, template, context)


def home_page(request: HttpRequest) -> HttpResponse:
    """The logged-in home: the compose box, my timeline, and the family card beside it."""
    member = request.member
    page = timelines.home_timeline(member, before=before_param(request))
    newest = page.items[0].post.id if page.items and before_param(request) is None else 0
    context = {
        "page": page, "older_url": link("home"), "newest": newest,
        "compose": _home_compose, "note_suggestions": CONTENT_NOTE_SUGGESTIONS,
        "empty": "Your home is quiet for now. Follow a few parents and their posts will appear here.",
        **home_context(member),
    }
    return _list_or_page(request, "core/home.html", context)


def _home_compose() -> ComposeForm:
    """The home page's compose box: the same, unbound, for everyone, so the page renders it
    once and keeps it (core/home.html); built only when it has to be rendered."""
    form = ComposeForm()
    form.fields["body"].label = "How are things?"
    return form


@require_GET
def home_new_count(request: HttpRequest) -> HttpResponse:
    """The "N new posts" pill, polled by htmx every 30 seconds."""
    if request.member is None:
        return HttpResponse(status=204)  # htmx leaves the page alone
    after = request.GET.get("after", "")
    after_id = int(after) if after.isdigit() and int(after) < 2**63 else 0
    count = timelines.newer_count(request.member, after_id)
    return render(request, "social/_new_posts_pill.html", {"count": count, "newest": after_id})


@require_GET
def local(request: HttpRequest) -> HttpResponse:
    page = timelines.local_timeline(request.member, before=before_param(request))
    return _list_or_page(request, "social/local.html", {
        "page": page, "older_url": link("social:local"),
        "empty": "No public posts yet. Why not be the first to say hello?"})


@require_GET
def tag(request: HttpRequest, name: str) -> HttpResponse:
    name = name.lower()[:TAG_NAME_MAX]
    page = timelines.tag_timeline(request.member, name, before=before_param(request))
    return _list_or_page(request, "social/tag.html", {
        "page": page, "name": name, "older_url": link("social:tag", name=name),
        "trending": timelines.trending_hashtags(),
        "empty": f"No posts with #{name} yet."})


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    page = (timelines.search_posts(request.member, query, before=before_param(request)) if query
            else Page(items=[], next_before=None))
    from kettle.meetups.finding import search_meetups

    return _list_or_page(request, "social/search.html", {
        "form": form, "query": query, "page": page,
        "meetups": search_meetups(request.member, query) if query and before_param(request) is None else [],
        "older_url": reverse("social:search") + "?" + urlencode({"q": query}),
        "empty": f"Nothing found for “{query}”. Try a different word." if query else "Type a word or two to "
                 "search posts."})


@login_required
@require_GET
def bookmarks(request: HttpRequest) -> HttpResponse:
    page = timelines.bookmarked_posts(request.member, before=before_param(request))
    return _list_or_page(request, "social/bookmarks.html", {
        "page": page, "older_url": link("social:bookmarks"),
        "empty": "Nothing saved yet. Press “Bookmark” under any post to keep it here; only you can see "
                 "what you save."})


@require_GET
def start_here(request: HttpRequest) -> HttpResponse:
    """For newcomers whose home is still empty: blogs, parents and posts to begin with."""
    viewer = request.member
    blogs = start.popular_blogs(viewer)
    return render(request, "social/start_here.html", {
        "blogs": blogs, "blog_states": states_for(viewer, blogs),
        "people": start.suggested_people(viewer) if viewer is not None else [],
        "posts": start.popular_posts(viewer),
    })
