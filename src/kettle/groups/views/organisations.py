"""Organisation pages: the list, registering one, its page (team, and the groups it runs that
the viewer may see), editing it and its team (admins), and verifying it (staff).

Organisation pages are public, but their admin pages are not: anyone else gets a 404 there,
as do non-staff asking to verify."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods, require_POST

from kettle.accounts.models import Member
from kettle.core.forms import place_picker_context, save_with_place
from kettle.core.pagination import keyset_page
from kettle.groups import actions
from kettle.groups.models import Group, Organisation, OrganisationMember
from kettle.groups.organisation_forms import OrganisationForm, TeamMemberForm
from kettle.groups.queries import is_organisation_admin
from kettle.social.views.helpers import before_param

PAGE_SIZE = 40


def visible_organisation(request: HttpRequest, slug: str) -> Organisation:
    organisation = (Organisation.objects.visible_to(request.member).select_related("place")
                    .filter(slug=slug.lower()).first())
    if organisation is None:
        raise Http404("No such organisation.")
    return organisation


def administered_organisation(request: HttpRequest, slug: str) -> Organisation:
    """An organisation the viewer is an admin of; for anyone else its admin pages don't exist."""
    organisation = visible_organisation(request, slug)
    if not is_organisation_admin(request.member, organisation):
        raise Http404("No such page.")
    return organisation


def organisation_list(request: HttpRequest) -> HttpResponse:
    page = keyset_page(Organisation.objects.visible_to(request.member).select_related("place"),
                       before=before_param(request), limit=PAGE_SIZE)
    return render(request, "groups/organisations/list.html", {"page": page, "nav": "groups"})


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = request.member
    organisation = visible_organisation(request, slug)
    team = (OrganisationMember.objects.filter(organisation=organisation,
                                              member__in=Member.objects.visible_to(viewer).values("id"))
            .select_related("member__profile").order_by("role", "id"))
    groups = (Group.objects.visible_to(viewer).filter(organisation=organisation).select_related("place")
              .order_by("-member_count", "name"))
    from kettle.meetups.finding import organisation_meetups

    return render(request, "groups/organisations/detail.html", {
        "organisation": organisation, "team": list(team), "groups": list(groups), "nav": "groups",
        "meetups": organisation_meetups(viewer, organisation),
        "on_team": viewer is not None and any(row.member_id == viewer.id for row in team),
        "is_admin": is_organisation_admin(viewer, organisation),
    })


def _form_page(request: HttpRequest, form: OrganisationForm, organisation: Organisation | None) -> HttpResponse:
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "groups/organisations/form.html", {
        "form": form, "organisation": organisation, "nav": "groups",
        **place_picker_context(request, form, organisation.place if organisation else None)}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_new(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        organisation = save_with_place(request, form,
                                       lambda kwargs: actions.do_create_organisation(request.member, **kwargs))
        if organisation is not None:
            messages.success(request, "Your organisation is on Kettle. Our team will check it and add the "
                                      "Verified badge, so parents know it's really you.")
            return redirect(organisation.url)
    return _form_page(request, form, None)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = administered_organisation(request, slug)
    if request.method == "POST":
        form = OrganisationForm(request.POST)
        saved = save_with_place(request, form, lambda kwargs: actions.do_update_organisation(
            request.member, organisation.id, **kwargs))
        if saved is not None:
            messages.success(request, "Saved." if saved.is_verified or not organisation.is_verified else
                             "Saved. A new name is checked again before the Verified badge comes back.")
            return redirect(saved.url)
    else:
        form = OrganisationForm(initial={"name": organisation.name, "description": organisation.description,
                                         "area": organisation.area, "website": organisation.website,
                                         "place_id": organisation.place_id})
    return _form_page(request, form, organisation)


def _after_team_change(request: HttpRequest, organisation: Organisation, message: str) -> HttpResponse:
    messages.success(request, message)
    if is_organisation_admin(request.member, organisation):
        return redirect("groups:organisation_team", slug=organisation.slug)
    return redirect(organisation.url)  # they stepped down from admin: the team page is no longer theirs


def _remove_from_team(request: HttpRequest, organisation: Organisation) -> str:
    """Take someone off the team; returns the refusal, if any ("" when done)."""
    raw = request.POST.get("remove", "")
    if not raw.isdigit() or len(raw) > 18:
        raise Http404("No such team member.")
    try:
        actions.do_remove_team_member(request.member, organisation.id, int(raw))
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


@login_required
@require_http_methods(["GET", "POST"])
def organisation_team(request: HttpRequest, slug: str) -> HttpResponse:
    """Add someone by handle (or change their role or title), or take them off the team."""
    organisation = administered_organisation(request, slug)
    removing = request.method == "POST" and "remove" in request.POST
    form = TeamMemberForm(request.POST if request.method == "POST" and not removing else None)
    problem = ""
    if removing:
        problem = _remove_from_team(request, organisation)
        if not problem:
            return _after_team_change(request, organisation, "Taken off the team.")
    elif form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            row = actions.do_set_team_member(request.member, organisation.id, data["handle"], role=data["role"],
                                             title=data["title"])
        except ValidationError as error:
            form.apply_errors(error)
        else:
            return _after_team_change(request, organisation,
                                      f"@{row.member.handle} is on the team as {row.get_role_display().lower()}.")
    team = (OrganisationMember.objects.filter(organisation=organisation).select_related("member__profile")
            .order_by("role", "id"))
    status = 400 if problem or form.errors else 200
    return render(request, "groups/organisations/team.html", {"organisation": organisation, "team": list(team),
                                                       "form": form, "problem": problem, "nav": "groups"},
                  status=status)


@login_required
@require_POST
def organisation_verify(request: HttpRequest, slug: str) -> HttpResponse:
    """Staff confirm (or withdraw) that an organisation is who it says it is."""
    if not request.member.is_staff:
        raise Http404("No such page.")
    organisation = visible_organisation(request, slug)
    verified = request.POST.get("verified", "1") != "0"
    actions.do_verify_organisation(request.member, organisation.id, verified=verified)
    messages.success(request, f"{organisation.name} is verified." if verified
                     else f"{organisation.name} is no longer marked as verified.")
    return redirect(organisation.url)


urlpatterns = [
    path("organisations/", organisation_list, name="organisations"),
    path("organisations/new", organisation_new, name="organisation_new"),
    path("organisations/<slug:slug>", organisation_detail, name="organisation"),
    path("organisations/<slug:slug>/edit", organisation_edit, name="organisation_edit"),
    path("organisations/<slug:slug>/team", organisation_team, name="organisation_team"),
    path("organisations/<slug:slug>/verify", organisation_verify, name="organisation_verify"),
]
