"""The client's address, also behind the TLS proxy of docs/architecture.md.

Without configuration it is ``REMOTE_ADDR``. Behind a proxy every request comes from the proxy,
so the proxy's header is named in ``ZICHT_TRUSTED_PROXY_HEADER`` (for example ``X-Forwarded-For``
or ``X-Real-IP``). For a list header the address ``ZICHT_TRUSTED_PROXY_COUNT`` places from the
right is used (the one your own proxy appended; a client can forge everything left of it). With
``ZICHT_TRUSTED_PROXY_ADDRESSES`` set, the header is only believed from those proxies.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(value: str) -> str | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # [v6]:port
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # v4:port
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or ""
    header = settings.ZICHT_TRUSTED_PROXY_HEADER
    trusted = settings.ZICHT_TRUSTED_PROXY_ADDRESSES
    if header and (not trusted or remote in trusted):
        raw = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
        hops = [hop for hop in (part.strip() for part in raw.split(",")) if hop]
        count = settings.ZICHT_TRUSTED_PROXY_COUNT
        if len(hops) >= count:
            found = _valid(hops[-count])
            if found:
                return found
    return _valid(remote) or "0.0.0.0"


def client_address_key(group: str, request: HttpRequest) -> str:
    """django-ratelimit key function."""
    return client_address(request)
