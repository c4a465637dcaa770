"""The partner API (/api/v1/): one NinjaAPI with routers contributed by the domain apps.

Bearer token per partner organisation, RFC 9457 problem+json for every error, and an
Idempotency-Key on every POST. The OpenAPI document is at /api/v1/openapi.json; the interactive
docs page is not served (it needs inline scripts, which the CSP forbids).
"""

from zicht.api.framework import ProblemNinjaAPI, TokenAuth, idempotent, install_problem_handlers
from zicht.matching.api import router as matching_router
from zicht.sources.api import router as sources_router

api = ProblemNinjaAPI(
    title="Zicht partner API",
    version="1.0.0",
    description=(
        "For partner systems: register involvement with a young person and upload pseudonymised lists. "
        "Authenticate with `Authorization: Bearer <token>`; every POST needs an `Idempotency-Key` header; "
        "errors are `application/problem+json` (RFC 9457)."
    ),
    urls_namespace="api",
    auth=TokenAuth(),
    docs_url=None,
)
install_problem_handlers(api)
api.add_decorator(idempotent, mode="view")
api.add_router("/", matching_router)
api.add_router("/", sources_router)
