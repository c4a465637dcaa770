"""Partner API plumbing: token authentication, RFC 9457 problem responses, Idempotency-Key.

``config/api.py`` wires these into the NinjaAPI; routers of other apps only use
``request.auth.organization`` (an ``ApiPrincipal``) and raise ``ninja.errors.HttpError``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from http import HTTPStatus
from types import SimpleNamespace
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Header, NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer

from zicht.api.models import ApiToken, IdempotencyRecord
from zicht.common.pseudonyms import keyed_hash
from zicht.common.request_log import request_id_of

logger = logging.getLogger(__name__)

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_BASE = "urn:zicht:problem:"
IDEMPOTENCY_HEADER = "Idempotency-Key"
MAX_IDEMPOTENCY_KEY = 200
# Visible ASCII, no leading or trailing space: what an HTTP header can carry unchanged.
IDEMPOTENCY_KEY_PATTERN = r"^[!-~](?:[ -~]{0,198}[!-~])?$"
_IDEMPOTENCY_KEY = re.compile(IDEMPOTENCY_KEY_PATTERN)

# The Idempotency-Key parameter of every POST operation (documented in the OpenAPI document).
IdempotencyKey = Header(
    ...,
    alias=IDEMPOTENCY_HEADER,
    min_length=1,
    max_length=MAX_IDEMPOTENCY_KEY,
    pattern=IDEMPOTENCY_KEY_PATTERN,
    description="A unique key per logical request (visible ASCII, at most 200 characters); a retry with the same "
    "key and body returns the first response.",
)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def api_token_create(*, organization: Any) -> tuple[ApiToken, str]:
    """A new token for ``organization``; the clear token is returned once and never stored."""
    clear = "zicht_" + secrets.token_urlsafe(32)
    return ApiToken.objects.create(organization=organization, token_hash=token_hash(clear)), clear


def api_token_revoke(*, token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


@dataclass(frozen=True)
class ApiPrincipal:
    """The calling partner system; also the actor recorded in the access log."""

    token: ApiToken

    is_authenticated = True
    pk = None

    @property
    def organization(self) -> Any:
        return self.token.organization

    @property
    def membership(self) -> SimpleNamespace:
        return SimpleNamespace(organization_id=self.token.organization_id, role="api")

    def get_username(self) -> str:
        return f"api-token-{self.token.pk}"


class ApiRequest(HttpRequest):
    """The request of a route behind ``TokenAuth``: ninja sets ``auth`` to the principal (annotations only)."""

    auth: ApiPrincipal


def principal_for_token(token: str) -> ApiPrincipal | None:
    found = (
        ApiToken.objects.select_related("organization")
        .filter(token_hash=token_hash(token), revoked_at__isnull=True, organization__is_active=True)
        .first()
    )
    if found is None:
        return None
    ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
    return ApiPrincipal(token=found)


class TokenAuth(HttpBearer):
    openapi_description = "A per-organisation token: `Authorization: Bearer <token>`."

    def authenticate(self, request: HttpRequest, token: str) -> ApiPrincipal | None:
        return principal_for_token(token)


def _bearer(request: HttpRequest) -> str:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


# --- RFC 9457 problem details ------------------------------------------------------------------
def problem(
    request: HttpRequest, *, status: int, detail: str = "", slug: str = "", title: str = "", **extra: Any
) -> HttpResponse:
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + slug if slug else "about:blank",
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail or HTTPStatus(status).description,
        "instance": request.path,
        "request_id": request_id_of(request),
        **extra,
    }
    response = HttpResponse(json.dumps(body), status=status, content_type=PROBLEM_CONTENT_TYPE)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="zicht"'
    return response


def install_problem_handlers(api: Any) -> None:
    """Make every error of ``api`` an ``application/problem+json`` response."""

    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        slug = "unauthorized" if isinstance(exc, AuthenticationError) else ""
        errors = getattr(exc, "errors", None)
        extra: dict[str, Any] = {"errors": errors} if isinstance(errors, list) else {}
        return problem(request, status=exc.status_code, detail=str(exc.message), slug=slug, **extra)

    def on_validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [
            {"loc": list(map(str, e.get("loc", ()))), "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
            for e in exc.errors
        ]
        return problem(
            request,
            status=422,
            slug="validation",
            title="Validation failed",
            detail="The request does not match the schema.",
            errors=errors,
        )

    def on_not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        return problem(request, status=404, detail="No such resource, or not yours.")

    def on_too_large(request: HttpRequest, exc: Exception) -> HttpResponse:
        return problem(request, status=413, slug="too-large", detail="The request body is too large.")

    def on_other(request: HttpRequest, exc: Exception) -> HttpResponse:
        # With the traceback; the log filters add the request id and remove personal data.
        logger.error("Unhandled error in %s %s", request.method, request.path, exc_info=exc)
        return problem(
            request,
            status=500,
            detail="An unexpected error occurred. Quote the request_id when you report it.",
        )

    api.add_exception_handler(AuthenticationError, on_http_error)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(ValidationError, on_validation)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(RequestDataTooBig, on_too_large)
    api.add_exception_handler(Exception, on_other)


# --- OpenAPI: every error response documented ---------------------------------------------------
PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "RFC 9457 problem details.",
    "required": ["type", "title", "status", "detail", "instance"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "request_id": {"type": "string", "description": "Quote it when you report a problem."},
        "errors": {
            "type": "array",
            "items": {"type": "object"},
            "description": "Validation errors (loc, msg, type) or rejected rows (row, reason).",
        },
    },
}
_ERROR_TEXT = {
    400: "Idempotency-Key missing or malformed.",
    401: "No valid API token.",
    404: "No such resource, or not yours.",
    409: "The Idempotency-Key was used for a different request.",
    413: "The request body is too large.",
    422: "The request does not match the schema, or its content was refused (see errors).",
}


def error_statuses(method: str, operation: dict[str, Any]) -> list[int]:
    """The error statuses an operation of this API can answer with (the rules of this module)."""
    statuses = [401] if operation.get("security") else []
    if method == "post":
        statuses += [400, 409, 413]
    if any(p.get("in") == "path" for p in operation.get("parameters", [])):
        statuses.append(404)
    if operation.get("parameters") or operation.get("requestBody"):
        statuses.append(422)
    return sorted(statuses)


class ProblemNinjaAPI(NinjaAPI):
    """A NinjaAPI whose OpenAPI document lists every problem response of every operation."""

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
        content = {PROBLEM_CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}
        for path_item in schema.get("paths", {}).values():
            for method, operation in path_item.items():
                responses = operation["responses"]
                for status in error_statuses(method, operation):
                    if status not in responses and str(status) not in responses:  # ninja keys its own by int
                        responses[str(status)] = {"description": _ERROR_TEXT[status], "content": content}
        return schema


# --- Idempotency-Key ---------------------------------------------------------------------------
def _request_hash(request: HttpRequest) -> str:
    """Keyed (HMAC with the server key), because a body may hold a BSN: a plain hash of a nine-digit
    number can be reversed by trying them all."""
    body = hashlib.sha256(request.body).hexdigest()
    return keyed_hash(f"{request.method}\x1f{request.path}\x1f{request.content_type}\x1f{body}", purpose="idempotency")


def _replay(record: IdempotencyRecord) -> HttpResponse:
    response = HttpResponse(
        record.response_body, status=record.response_status, content_type=record.response_content_type
    )
    response["Idempotent-Replayed"] = "true"
    return response


def idempotent(run: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """View-mode decorator: a POST needs an Idempotency-Key; a retry replays the stored response.

    The key is scoped to the calling organisation. The same key with a different request is
    refused (409). The operation's writes and the stored response commit together, so two
    concurrent retries cannot both create a record.
    """

    @wraps(run)
    def wrapper(request: HttpRequest, **kwargs: Any) -> HttpResponse:
        if request.method != "POST":
            return run(request, **kwargs)
        principal = principal_for_token(_bearer(request)) if _bearer(request) else None
        if principal is None:
            return run(request, **kwargs)  # the operation answers 401
        key = request.headers.get(IDEMPOTENCY_HEADER, "")
        if not key:
            return problem(
                request,
                status=400,
                slug="idempotency-key-missing",
                detail=f"Every POST needs an {IDEMPOTENCY_HEADER} header.",
            )
        if not _IDEMPOTENCY_KEY.match(key):
            return problem(
                request,
                status=400,
                slug="idempotency-key-invalid",
                detail=f"{IDEMPOTENCY_HEADER} must be 1 to {MAX_IDEMPOTENCY_KEY} visible ASCII characters.",
            )
        try:
            digest = _request_hash(request)
        except RequestDataTooBig:
            return problem(request, status=413, slug="too-large", detail="The request body is too large.")
        organization = principal.token.organization

        def stored() -> HttpResponse | None:
            record = IdempotencyRecord.objects.filter(organization=organization, key=key).first()
            if record is None:
                return None
            if record.request_hash != digest:
                return problem(
                    request,
                    status=409,
                    slug="idempotency-key-reused",
                    title="Idempotency key reused",
                    detail=f"This {IDEMPOTENCY_HEADER} was used for a different request.",
                )
            return _replay(record)

        earlier = stored()
        if earlier is not None:
            return earlier
        try:
            with transaction.atomic():
                response = run(request, **kwargs)
                if response.status_code < 500:
                    IdempotencyRecord.objects.create(
                        organization=organization,
                        key=key,
                        request_hash=digest,
                        response_status=response.status_code,
                        response_body=response.content.decode("utf-8"),
                        response_content_type=response.get("Content-Type", "application/json"),
                    )
        except IntegrityError:
            earlier = stored()
            if earlier is not None:
                return earlier
            raise
        return response

    return wrapper
