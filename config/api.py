"""The partner API (/api/v1/): one NinjaAPI with routers contributed by the domain apps."""
from ninja import NinjaAPI

api = NinjaAPI(
    title="Zicht partner API",
    version="1.0.0",
    description="For partner systems: register involvement with a young person and upload pseudonymised lists.",
    urls_namespace="api",
)
