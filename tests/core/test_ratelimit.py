"""Rate limits: the allowance, the Retry-After, and an IP that can't be forged behind a proxy."""

import pytest
from django.test import RequestFactory

from kettle.core import ratelimit


def test_the_allowance_is_counted_and_then_refused_with_a_retry_after():
    for _ in range(3):
        ratelimit.hit("test", "someone", "3/60")
    with pytest.raises(ratelimit.RateLimited) as refused:
        ratelimit.hit("test", "someone", "3/60")
    assert 1 <= refused.value.retry_after <= 60


def test_limits_are_kept_apart_per_identity_and_scope():
    for _ in range(3):
        ratelimit.hit("test", "one", "3/60")
    ratelimit.hit("test", "two", "3/60")
    ratelimit.hit("other", "one", "3/60")


def test_check_does_not_count_an_attempt():
    for _ in range(5):
        ratelimit.check("test", "looker", "1/60")
    ratelimit.hit("test", "looker", "1/60")
    with pytest.raises(ratelimit.RateLimited):
        ratelimit.check("test", "looker", "1/60")


def test_without_a_trusted_proxy_forwarded_headers_are_ignored(settings):
    settings.SECURE_PROXY_SSL_HEADER = None
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="1.2.3.4", REMOTE_ADDR="10.0.0.9")
    assert ratelimit.client_ip(request) == "10.0.0.9"


def test_behind_a_proxy_the_address_it_appended_counts_not_what_the_client_claimed(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7", REMOTE_ADDR="127.0.0.1")
    assert ratelimit.client_ip(request) == "203.0.113.7"
