"""Sign up, confirm, log in and out, and password reset."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.encoding import force_str
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode
from django.views.decorators.http import require_POST

from kettle.accounts import actions
from kettle.accounts.auth import log_in
from kettle.accounts.forms import EmailForm, LoginForm, NewPasswordForm, SignUpForm
from kettle.core import ratelimit

BACKEND = "kettle.accounts.auth.MemberBackend"


def sign_up(request: HttpRequest) -> HttpResponse:
    if request.member is not None:
        return redirect("home")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Only accounts actually requested count towards the limit, so a typo in a handle
        # doesn't use up a shared connection's allowance (a baby class on one wifi).
        ip = ratelimit.client_ip(request)
        ratelimit.check("signup-ip", ip, settings.SIGNUP_RATE)
        try:
            actions.do_sign_up(**form.cleaned_data)
        except ValidationError as error:
            form.apply_errors(error)
        else:
            ratelimit.hit("signup-ip", ip, settings.SIGNUP_RATE)
            request.session["signup_email"] = form.cleaned_data["email"].strip().lower()
            return redirect("accounts:signup_done")
    return render(request, "accounts/signup.html", {"form": form})


def sign_up_done(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signup_done.html", {"email": request.session.get("signup_email", "")})


def confirm_email(request: HttpRequest, token: str) -> HttpResponse:
    try:
        member = actions.do_confirm_email(token)
    except ValidationError as error:
        return render(request, "accounts/confirm_failed.html", {"message": error.messages[0]}, status=400)
    if request.member is None or request.member.id != member.id:
        if member.last_login is not None:
            # The link lives for days in an inbox: once the account has been used it proves the
            # address, not who holds the link, so it must not outlive "log out everywhere".
            messages.success(request, "Thanks, your email is confirmed. Please log in.")
            return redirect("accounts:login")
        login(request, member, backend=BACKEND)
    messages.success(request, "Thanks, your email is confirmed.")
    if member.onboarding_step is not None:
        return redirect("accounts:onboarding", step=member.onboarding_step)
    return redirect("home")


def _safe_next(request: HttpRequest) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return None


def log_in_view(request: HttpRequest) -> HttpResponse:
    if request.member is not None:
        return redirect("home")
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member = log_in(request, **form.cleaned_data)
        except ValidationError as error:
            form.apply_errors(error)
        else:
            if member.onboarding_step is not None:
                return redirect("accounts:onboarding", step=member.onboarding_step)
            return redirect(_safe_next(request) or "home")
    return render(request, "accounts/login.html", {"form": form, "next": _safe_next(request) or ""})


@require_POST
def log_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, "You've logged out. Look after yourself.")
    return redirect("home")


def password_reset(request: HttpRequest) -> HttpResponse:
    form = EmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ratelimit.hit("reset-ip", ratelimit.client_ip(request), settings.RESET_RATE)
        actions.do_request_password_reset(form.cleaned_data["email"])
        return render(request, "accounts/password_reset_sent.html", {"email": form.cleaned_data["email"]})
    return render(request, "accounts/password_reset.html", {"form": form})


def _member_for_reset(uidb64: str, token: str):
    try:
        member_id = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return None
    member = get_user_model().objects.filter(id=member_id, is_active=True).first()
    if member is not None and default_token_generator.check_token(member, token):
        return member
    return None


def password_reset_confirm(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    member = _member_for_reset(uidb64, token)
    if member is None:
        return render(request, "accounts/confirm_failed.html", {
            "message": "That reset link has expired or was already used. Please ask for a new one.",
            "reset": True}, status=400)
    form = NewPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_set_password(member, form.cleaned_data["new_password"])
        except ValidationError as error:
            form.apply_errors(error)
        else:
            login(request, member, backend=BACKEND)
            messages.success(request, "Your new password is set, and you're logged in.")
            return redirect("home")
    return render(request, "accounts/password_reset_confirm.html", {"form": form})
