"""A request id on every request, response and log line, and no personal data in the log.

``RequestIdMiddleware`` sets ``request.id``: the proxy's ``X-Request-ID`` when the settings trust it
(``ZICHT_TRUST_REQUEST_ID_HEADER``) and it looks like an id, else a new UUID. The id goes back in
the ``X-Request-ID`` response header, on the 500 page and in API problems, so a user can quote it
and an operator can find the traceback. ``RequestIdFilter`` puts it on every log record;
``RedactPersonalData`` removes citizen service numbers, other long digit runs (phone numbers, dates
written without letters) and e-mail addresses from the message, its arguments and the traceback.
"""

from __future__ import annotations

import contextvars
import logging
import re
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_ID = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")
_current: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


def current_request_id() -> str:
    """The id of the request being handled in this thread or task, or ``-`` outside a request."""
    return _current.get()


def request_id_of(request: HttpRequest) -> str:
    return str(getattr(request, "id", "") or current_request_id())


class RequestIdMiddleware:
    """First in the chain, so every response (a 500 included) carries the id."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get(REQUEST_ID_HEADER, "") if settings.ZICHT_TRUST_REQUEST_ID_HEADER else ""
        request_id = given if _VALID_ID.match(given) else uuid.uuid4().hex
        request.id = request_id  # type: ignore[attr-defined]  # HttpRequest has no id of its own
        token = _current.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response[REQUEST_ID_HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record (for the format's ``%(request_id)s``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            # django.request logs after the middleware has returned, with the request attached.
            request = getattr(record, "request", None)
            record.request_id = getattr(request, "id", None) or current_request_id()
        return True


# Eight or more digits, possibly with spaces, dots or dashes between them (a BSN as 1234.56.789, a phone number,
# a date as 20120503); Unicode digits included, since a fullwidth BSN is still a BSN.
_DIGIT_RUN = re.compile(r"(?<!\d)\d(?:[ .-]?\d){7,}(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def redact(text: str) -> str:
    return _EMAIL.sub("[e-mail]", _DIGIT_RUN.sub("[number]", text))


class RedactPersonalData(logging.Filter):
    """Rewrites the record in place, so every handler after this one sees the redacted text only."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a broken format string: keep what can be kept
            message = str(record.msg)
        record.msg, record.args = redact(message), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
