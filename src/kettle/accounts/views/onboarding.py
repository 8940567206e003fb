"""Three short, skippable steps right after sign-up: about you, your children, your area."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from kettle.accounts import actions
from kettle.accounts.forms import AboutForm, AreaForm
from kettle.accounts.queries import children_with_stages
from kettle.accounts.views.settings import add_child_from
from kettle.core.places import place_choice_error, place_search_context

STEPS = {1: "About you", 2: "Your children", 3: "Your area and interests"}


def _next(member, step: int) -> HttpResponse:
    actions.do_advance_onboarding(member, completed_step=step)
    if step >= 3:  # done: straight to the groups that fit them, the quickest way into a village
        return redirect(reverse("groups:index") + "?welcome=1")
    return redirect("accounts:onboarding", step=step + 1)


@login_required
def onboarding(request: HttpRequest, step: int) -> HttpResponse:
    if step not in STEPS:
        raise Http404("No such step.")
    member = request.member
    profile = member.profile
    context = {"step": step, "steps": STEPS, "place_results": None, "place_query": ""}
    if step == 1:
        form = AboutForm(request.POST or None, initial={
            "display_name": profile.display_name, "role": profile.role,
            "pronouns": profile.pronouns, "bio": profile.bio})
        if request.method == "POST" and form.is_valid():
            try:
                actions.do_update_profile(member, **form.cleaned_data)
            except ValidationError as error:
                form.apply_errors(error)
            else:
                return _next(member, 1)
    elif step == 2:
        form, added = add_child_from(request)
        if added:
            if request.POST.get("then") == "another":
                return redirect("accounts:onboarding", step=2)
            return _next(member, 2)
        context["children"] = children_with_stages(list(member.children.all()))
    else:
        form = AreaForm(request.POST or None, initial={
            "place_id": profile.place_id, "discoverable": profile.discoverable,
            "interests": ", ".join(i.name for i in profile.interests.all())})
        if request.method == "POST" and request.POST.get("find_places"):
            # "Find places" without JavaScript: list the matches and save nothing yet.
            context.update(place_search_context(request.POST.get("place_q", ""), member))
            form = AreaForm(initial={"interests": request.POST.get("interests", ""),
                                     "discoverable": bool(request.POST.get("discoverable"))})
        elif request.method == "POST" and form.is_valid():
            problem = place_choice_error(request.POST.get("place_q", ""), form.cleaned_data.get("place_id"))
            if problem:
                form.add_error("place_id", problem)
            else:
                try:
                    actions.do_update_profile(member, **form.cleaned_data)
                except ValidationError as error:
                    form.apply_errors(error)
                else:
                    return _next(member, 3)
        context["place"] = profile.place
    context["form"] = form
    return render(request, f"accounts/onboarding_{step}.html", context)


@login_required
@require_POST
def skip(request: HttpRequest, step: int) -> HttpResponse:
    if step not in STEPS:
        raise Http404("No such step.")
    if request.POST.get("all"):
        actions.do_finish_onboarding(request.member)
        return redirect("home")
    return _next(request.member, step)
