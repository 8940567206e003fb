"""The base for every HTML form: plain-English errors, and a way to show an action's errors."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

# Django's defaults read like a developer wrote them ("Ensure this value has at most...").
FRIENDLY_ERRORS = {
    "required": "Please fill this in.",
    "max_length": "Please keep this to %(limit_value)d characters (it has %(show_value)d).",
    "min_length": "Please use at least %(limit_value)d characters.",
    "min_value": "That's too small: the lowest allowed is %(limit_value)s.",
    "max_value": "That's too big: the highest allowed is %(limit_value)s.",
    "invalid_choice": "Please choose one of the options.",
}
FRIENDLY_BY_TYPE = {
    forms.IntegerField: {"invalid": "Please enter a whole number, like 3."},
    forms.DateField: {"invalid": "Please enter a date, like 14/03/2027."},
    forms.FileField: {"invalid": "That upload didn't arrive properly. Please try again.",
                      "empty": "That file is empty. Please choose another.",
                      "missing": "Please choose a file."},
}


def _django_defaults(field_class: type) -> dict:
    messages: dict = {}
    for klass in reversed(field_class.__mro__):
        messages.update(getattr(klass, "default_error_messages", {}))
    return messages


class KettleForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._use_friendly_errors()

    def full_clean(self) -> None:
        self._use_friendly_errors()  # again, for fields a subclass added after __init__
        super().full_clean()

    def _use_friendly_errors(self) -> None:
        for field in self.fields.values():
            friendly = dict(FRIENDLY_ERRORS)
            for kind, extra in FRIENDLY_BY_TYPE.items():
                if isinstance(field, kind):
                    friendly.update(extra)
            defaults = _django_defaults(type(field))
            for code, message in friendly.items():
                # Replace only Django's stock wording; a form's own message stays.
                if field.error_messages.get(code, defaults.get(code)) == defaults.get(code):
                    field.error_messages[code] = message

    def apply_errors(self, error: ValidationError) -> None:
        """Attach an action's ValidationError to the matching fields (or the whole form: also
        for hidden fields, like a picked place, whose errors could not be seen beside them)."""
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                target = field.split(".")[-1] if field.split(".")[-1] in self.fields else field
                shown = target in self.fields and not self.fields[target].widget.is_hidden
                self.add_error(target if shown else None, messages)
        else:
            self.add_error(None, error.messages)


def place_picker_context(request, form: forms.Form, current) -> dict:
    """The place picker's state for a form with a hidden place_id: the place ticked (or the one
    on file), and "Find places" results when the form was sent without JavaScript to look one up."""
    from kettle.core.models import Place
    from kettle.core.places import place_search_context

    place = current
    if form.is_bound:
        raw = form.data.get("place_id") or ""
        place = Place.objects.filter(id=int(raw)).first() if raw.isdigit() and len(raw) < 12 else None
    context = {"place": place, "place_results": None, "place_query": ""}
    if request.method == "POST" and request.POST.get("find_places"):
        context.update(place_search_context(request.POST.get("place_q", ""), request.member))
    return context


def save_with_place(request, form: KettleForm, save):
    """Validate a form with a place picker and run `save(form.action_kwargs())`; a "Find
    places" press saves nothing, and the action's refusals land on the form."""
    from django.core.exceptions import PermissionDenied

    from kettle.core.places import place_choice_error
    from kettle.core.ratelimit import RateLimited

    if request.POST.get("find_places") or not form.is_valid():
        return None
    problem = place_choice_error(request.POST.get("place_q", ""), form.cleaned_data.get("place_id"))
    if problem:
        form.add_error(None, problem)
        return None
    try:
        return save(form.action_kwargs())
    except ValidationError as error:
        form.apply_errors(error)
    except (PermissionDenied, RateLimited) as error:
        form.add_error(None, str(error))
    return None
