"""craniocare.core.ratelimit: fixed windows in the shared database cache, exact under threads."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest
import time_machine
from django.db import connection
from django.test import RequestFactory

from craniocare.core import ratelimit


@pytest.fixture
def rules(settings):
    settings.RATELIMITS = {**settings.RATELIMITS, "five": (5, 3600), "many": (50, 60)}
    settings.RATELIMITS_ENABLED = True
    return settings.RATELIMITS


@pytest.mark.django_db
def test_it_allows_the_limit_then_refuses(rules):
    assert [ratelimit.hit("five", "203.0.113.1") for _ in range(7)] == [True] * 5 + [False] * 2


@pytest.mark.django_db
def test_it_counts_each_key_and_rule_separately(rules):
    for _ in range(5):
        assert ratelimit.hit("five", "203.0.113.1")
    assert not ratelimit.hit("five", "203.0.113.1")
    assert ratelimit.hit("five", "203.0.113.2")
    assert ratelimit.hit("contact", "203.0.113.1")


@pytest.mark.django_db
def test_it_starts_afresh_in_the_next_window(rules):
    with time_machine.travel(datetime(2025, 1, 6, 9, 59, 59, tzinfo=UTC), tick=False) as clock:
        assert all(ratelimit.hit("five", "k") for _ in range(5))
        assert not ratelimit.hit("five", "k")
        assert ratelimit.retry_after("five") == 1
        clock.move_to(datetime(2025, 1, 6, 10, 0, 0, tzinfo=UTC))
        assert ratelimit.retry_after("five") == 3600
        assert ratelimit.hit("five", "k")


@pytest.mark.django_db
def test_it_counts_larger_limits_with_one_counter(rules):
    results = [ratelimit.hit("many", "k") for _ in range(52)]
    assert results == [True] * 50 + [False] * 2


@pytest.mark.django_db
def test_it_lets_everything_through_when_disabled(rules, settings):
    settings.RATELIMITS_ENABLED = False
    assert all(ratelimit.hit("five", "k") for _ in range(20))


@pytest.mark.django_db(transaction=True)
def test_it_counts_exactly_under_concurrent_hits(rules):
    barrier = threading.Barrier(20)

    def attempt(_: int) -> bool:
        try:
            barrier.wait()
            return ratelimit.hit("five", "198.51.100.7")
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(attempt, range(20)))

    assert results.count(True) == 5
    assert results.count(False) == 15


@pytest.mark.django_db
def test_it_lets_hits_through_when_the_shared_cache_is_broken(rules, settings, caplog):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "no_such_table",
        },
    }
    assert all(ratelimit.hit("five", "k") for _ in range(7))
    assert "letting the hit through" in caplog.text


def test_it_trusts_only_the_last_forwarded_hop_from_a_trusted_proxy(settings):
    settings.TRUSTED_PROXIES = frozenset({"127.0.0.1"})
    factory = RequestFactory()
    via_proxy = factory.get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.7"
    )
    assert ratelimit.client_ip(via_proxy) == "203.0.113.7"  # the client wrote 10.9.9.9
    direct = factory.get("/", REMOTE_ADDR="198.51.100.4", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert ratelimit.client_ip(direct) == "198.51.100.4"  # not a proxy: header ignored
    assert ratelimit.client_ip(factory.get("/", REMOTE_ADDR="127.0.0.1")) == "127.0.0.1"


def test_it_uses_remote_addr_and_never_x_forwarded_for():
    factory = RequestFactory()
    request = factory.get("/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="192.0.2.1")
    assert ratelimit.client_ip(request) == "203.0.113.9"
    assert ratelimit.client_ip(factory.get("/", REMOTE_ADDR="2001:DB8::1")) == "2001:db8::1"
    assert ratelimit.client_ip(factory.get("/", REMOTE_ADDR="")) == ""


def test_it_describes_the_window_in_words(settings):
    settings.RATELIMITS = {"a": (1, 3600), "b": (1, 7200), "c": (1, 900), "d": (1, 60)}
    assert [ratelimit.window_text(rule) for rule in "abcd"] == [
        "an hour",
        "2 hours",
        "15 minutes",
        "a minute",
    ]
