"""Sign-in throttling: limits per client address and per account, so nobody can lock anyone out.

Before a password reaches the context service (where it costs an Argon2 hash) the attempt is
checked against two budgets of failed attempts, counted with ``limits`` (moving windows) in a
storage every gateway copy shares (``EISO_RATE_LIMIT_STORAGE``: Redis in production, memory in the
embedded run):

- **per client address** (``EISO_LOGIN_LIMIT_PER_ADDRESS``): failures from one address, whatever
  account they try, so an anonymous flood from a few addresses stops paying for hashes;
- **per account** (``EISO_LOGIN_LIMIT_PER_ACCOUNT``): failures on one user name, from anywhere, so
  guessing one password from many addresses stays slow.

An address where the account signed in successfully during the last 30 days is *known* for it: its
attempts on that account are counted on a budget of their own (the per-account limits, for that
address and account only) instead of the two above. So a stranger who exhausts an account's budget
or an office's shared address throttles strangers, not the owner at their usual desk. There is no
lock: an exhausted budget is answered 429 with ``Retry-After`` (when the oldest failure leaves its
window) and "Đăng nhập sai quá nhiều lần…", and frees itself; what is kept expires with its window
(no row per typed user name).

If the storage cannot be reached the attempt goes through (logged): sign-in keeps working, and the
context service still bounds the cost (one Argon2 hash at a time per process).

Why ``limits`` and not Flask-Limiter's decorators: the budgets count failures only, are keyed on
the user name in the body as well as on the address, and must be shared by the web form and the
API route; ``limits`` is the library Flask-Limiter itself is built on (same maintainer, Redis,
Memcached, MongoDB and memory storages), used directly here in one module.
"""
from __future__ import annotations

import logging
import math
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

from eiso_contracts.errors import AuthenticationFailed, TooManyRequests
from flask import Flask, current_app, request
from limits import RateLimitItem, parse_many
from limits.errors import StorageError
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter
from werkzeug.middleware.proxy_fix import ProxyFix

from .i18n import N_, translate

log = logging.getLogger(__name__)

EXTENSION = "eiso_login_throttle"
KNOWN_FOR = 30 * 24 * 3600
TOO_MANY = N_("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {minutes} phút.")


def too_many(wait: int) -> TooManyRequests:
    minutes = max(1, math.ceil(wait / 60))
    return TooManyRequests(TOO_MANY.format(minutes=minutes), {"retry_after": wait, "minutes": minutes})


def page_message(exc: TooManyRequests) -> str:
    """The refusal in the page's language (the catalogue has the sentence with ``{minutes}``)."""
    details = exc.details if isinstance(exc.details, dict) else {}
    return translate(TOO_MANY, minutes=details.get("minutes", 1))


@dataclass(frozen=True)
class Attempt:
    """One sign-in attempt that passed the check: what to count if it fails, what to remember if not."""

    throttle: "LoginThrottle"
    budgets: tuple[tuple[RateLimitItem, tuple[str, ...]], ...]
    known_key: str

    def failed(self) -> None:
        try:
            for item, keys in self.budgets:
                self.throttle.limiter.hit(item, *keys)
        except StorageError as exc:
            log.warning("sign-in throttle storage unavailable, failure not counted: %s", exc)

    def succeeded(self) -> None:
        try:
            self.throttle.storage.incr(self.known_key, KNOWN_FOR)
        except StorageError as exc:
            log.warning("sign-in throttle storage unavailable, address not remembered: %s", exc)


class LoginThrottle:
    """The two budgets over one ``limits`` storage (``prefix`` keeps keys apart, e.g. per test)."""

    def __init__(self, storage_uri: str, per_address: str, per_account: str, prefix: str = "eiso"):
        self.storage = storage_from_string(storage_uri, wrap_exceptions=True)
        self.limiter = MovingWindowRateLimiter(self.storage)
        self.per_address = parse_many(per_address)
        self.per_account = parse_many(per_account)
        self.prefix = prefix

    def check(self, account: str, address: str) -> Attempt:
        """The attempt, or ``TooManyRequests`` with the seconds until a budget has room again."""
        known_key = f"{self.prefix}/login-known/{account}/{address}"
        try:
            known = self.storage.get(known_key) > 0
            if known:
                budgets = tuple((item, (self.prefix, "pair", account, address)) for item in self.per_account)
            else:
                budgets = (tuple((item, (self.prefix, "address", address)) for item in self.per_address)
                           + tuple((item, (self.prefix, "account", account)) for item in self.per_account))
            wait = max((self._wait(item, keys) for item, keys in budgets), default=0)
        except StorageError as exc:
            log.warning("sign-in throttle storage unavailable, attempt let through: %s", exc)
            return Attempt(self, (), known_key)
        if wait > 0:
            log.info("sign-in throttled for %r from %s: retry after %d s", account, address, wait)
            raise too_many(wait)
        return Attempt(self, budgets, known_key)

    def _wait(self, item: RateLimitItem, keys: tuple[str, ...]) -> int:
        if self.limiter.test(item, *keys):
            return 0
        reset = self.limiter.get_window_stats(item, *keys).reset_time
        return max(1, math.ceil(reset - time.time()))


def account_key(username: str) -> str:
    """A typed user name as the context service matches it (trimmed, lower case), bounded in length."""
    return username.strip().lower()[:64]


def client_address() -> str:
    return request.remote_addr or "unknown"


@contextmanager
def login_guard(username: str) -> Iterator[None]:
    """Around one password check: refuse when a budget is spent (``TooManyRequests``), count the
    attempt if the check fails (``AuthenticationFailed``), remember the address if it succeeds."""
    throttle: LoginThrottle = current_app.extensions[EXTENSION]
    attempt = throttle.check(account_key(username), client_address())
    try:
        yield
    except AuthenticationFailed:
        attempt.failed()
        raise
    attempt.succeeded()


def init_app(app: Flask, settings) -> None:
    """The throttle on ``app``; behind ``EISO_TRUSTED_PROXIES`` proxies, the client address is taken
    from their ``X-Forwarded-For`` (never from a header nobody trusted set)."""
    app.extensions[EXTENSION] = LoginThrottle(settings.rate_limit_storage, settings.login_limit_per_address,
                                              settings.login_limit_per_account)
    if settings.trusted_proxies > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=settings.trusted_proxies)

    from . import errors

    def answer_too_many(exc: TooManyRequests):
        body, status = errors.render_problem(errors.problem_of(exc))
        response = current_app.make_response((body, status))
        if exc.retry_after is not None:
            response.headers["Retry-After"] = str(exc.retry_after)
        return response

    app.register_error_handler(TooManyRequests, answer_too_many)
