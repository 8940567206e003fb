"""One error shape for the whole API: {"error": code, "message": text, "fields": {...}}."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.http import Http404, HttpRequest
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaError

from kettle.core.ratelimit import RateLimited

CONTAINERS = {"body", "query", "path", "form", "file", "data", "payload", "cookie", "header"}


def error_body(code: str, message: str, fields: dict | None = None) -> dict:
    return {"error": code, "message": message, "fields": fields or {}}


def _field_name(loc) -> str:
    parts = [str(p) for p in loc if str(p) not in CONTAINERS]
    return ".".join(parts) or "body"


def _friendly(error: dict) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "string_too_long":
        return f"Please keep this to {ctx.get('max_length')} characters."
    if kind == "missing":
        return "This is required."
    if kind == "extra_forbidden":
        return "Kettle doesn't know this field. Check the spelling against /api/v1/docs."
    if kind == "too_long":
        return f"Please send at most {ctx.get('max_length')} items."
    if kind == "too_short":
        return f"Please send at least {ctx.get('min_length')}."
    if kind == "literal_error":
        return f"Choose one of: {ctx.get('expected')}."
    if kind == "string_too_short":
        return f"Please use at least {ctx.get('min_length')} characters."
    if kind.startswith(("int_", "string_type", "bool_", "date_", "float_", "list_type", "dict_type",
                        "model_type")):
        return f"Wrong type: {error.get('msg', 'invalid value')}."
    return str(error.get("msg", "Invalid value."))


def install(api: NinjaAPI) -> None:
    @api.exception_handler(SchemaError)
    def schema_error(request: HttpRequest, exc: SchemaError):
        fields: dict[str, list[str]] = {}
        for error in exc.errors:
            fields.setdefault(_field_name(error.get("loc", ())), []).append(_friendly(error))
        return api.create_response(
            request, error_body("invalid", "Some of what you sent isn't valid. See fields.", fields), status=422)

    @api.exception_handler(ValidationError)
    def action_error(request: HttpRequest, exc: ValidationError):
        if hasattr(exc, "error_dict"):
            fields = exc.message_dict
            message = "Some of what you sent isn't valid. See fields."
        else:
            fields = {}
            message = " ".join(exc.messages)
        return api.create_response(request, error_body("invalid", message, fields), status=400)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404):
        return api.create_response(request, error_body("not_found", "Not found."), status=404)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError):
        return api.create_response(
            request, error_body("unauthenticated", "Log in, or send a valid token as 'Authorization: Bearer <token>'."),
            status=401)

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied):
        return api.create_response(request, error_body("forbidden", str(exc) or "You can't do that."), status=403)

    @api.exception_handler(RateLimited)
    def rate_limited(request: HttpRequest, exc: RateLimited):
        response = api.create_response(request, error_body("rate_limited", exc.message), status=429)
        response["Retry-After"] = str(exc.retry_after)
        return response

    @api.exception_handler(RequestDataTooBig)
    def too_large(request: HttpRequest, exc: RequestDataTooBig):
        return api.create_response(
            request, error_body("too_large", "That request is too large. Please send less at once."), status=413)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError):
        code = {400: "bad_request", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
                409: "conflict", 413: "too_large"}.get(exc.status_code, "error")
        return api.create_response(request, error_body(code, str(exc)), status=exc.status_code)
