"""Who is asking: the visitor's own address, and a per-visitor rate limit.

Behind a reverse proxy every request comes from the proxy's address, so the
client is read from X-Forwarded-For, but only when the request really comes
from a proxy we run (TRUSTED_PROXIES); anyone else could write that header
themselves. The address is used for django-axes' login lockout and for rate
limits, and never stored: rate-limit keys hold a hash of it.
"""

import hashlib
import ipaddress
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

logger = logging.getLogger(__name__)


def _is_trusted_proxy(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(net, strict=False) for net in settings.TRUSTED_PROXIES)


def client_address(request: HttpRequest) -> str:
    """REMOTE_ADDR, or, when that is a trusted proxy, the nearest address in
    X-Forwarded-For that is not one of our proxies (the one our proxy saw)."""
    remote = request.META.get("REMOTE_ADDR", "")
    if not _is_trusted_proxy(remote):
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for address in reversed([part for part in forwarded if part]):
        if not _is_trusted_proxy(address):
            try:
                return str(ipaddress.ip_address(address))
            except ValueError:
                return remote
    return remote


def within_rate_limit(request: HttpRequest, *, scope: str, limit: int, seconds: int) -> bool:
    """Count this request against `limit` per `seconds` for its client, in the shared
    cache (so every instance agrees). A cache that is down lets requests through."""
    client = hashlib.sha256(f"{settings.SECRET_KEY}:{client_address(request)}".encode())
    window = int(time.time() // seconds)
    key = f"rate:{scope}:{client.hexdigest()[:32]}:{window}"
    try:
        cache.add(key, 0, seconds)
        return cache.incr(key) <= limit
    except Exception:
        logger.warning("Rate limit unavailable for %s", scope, exc_info=True)
        return True
