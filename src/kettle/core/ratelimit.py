"""Fixed-window rate limits kept in the cache (Redis when configured, so every server
process shares them). Exceeding one raises RateLimited, answered as 429 with Retry-After."""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache


class RateLimited(Exception):
    def __init__(self, retry_after: int, message: str = "") -> None:
        self.retry_after = max(1, int(retry_after))
        self.message = message or (
            f"That's a lot of tries in a short time. Please wait {self.describe()} and try again."
        )
        super().__init__(self.message)

    def describe(self) -> str:
        minutes = (self.retry_after + 59) // 60
        if self.retry_after < 90:
            return f"{self.retry_after} seconds"
        return f"{minutes} minutes"


def parse_rate(rate: str) -> tuple[int, int]:
    count, seconds = rate.split("/")
    return int(count), int(seconds)


def _key(scope: str, ident: str, window: int) -> str:
    digest = hashlib.sha256(ident.lower().encode()).hexdigest()[:32]
    return f"rl:{scope}:{digest}:{window}"


def hit(scope: str, ident: str, rate: str, *, message: str = "") -> None:
    """Count one attempt; raise RateLimited once the window's allowance is used up."""
    allowed, seconds = parse_rate(rate)
    now = time.time()
    window = int(now // seconds)
    key = _key(scope, ident, window)
    cache.add(key, 0, timeout=seconds + 5)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds + 5)
        used = 1
    if used > allowed:
        raise RateLimited(retry_after=(window + 1) * seconds - now, message=message)


def check(scope: str, ident: str, rate: str, *, message: str = "") -> None:
    """Raise RateLimited if the allowance is already used, without counting an attempt."""
    allowed, seconds = parse_rate(rate)
    now = time.time()
    window = int(now // seconds)
    used = cache.get(_key(scope, ident, window), 0)
    if used >= allowed:
        raise RateLimited(retry_after=(window + 1) * seconds - now, message=message)


def reset(scope: str, ident: str, rate: str) -> None:
    _, seconds = parse_rate(rate)
    cache.delete(_key(scope, ident, int(time.time() // seconds)))


def client_ip(request) -> str:
    """The client's address. Behind a trusted reverse proxy (KETTLE_BEHIND_PROXY) it is the
    hop the proxy appended to X-Forwarded-For, i.e. the last one: anything before it came
    from the client and could be forged to dodge per-IP limits."""
    from django.conf import settings

    if settings.SECURE_PROXY_SSL_HEADER:
        forwarded = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if forwarded:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR", "") or "unknown"
