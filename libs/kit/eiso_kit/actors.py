"""Who a command is for, vouched for by the gateway: an ``Actor`` carries a short-lived signed proof.

The gateway authenticates people; the services act on the ``Actor`` it sends.
Without a proof, anyone holding the broker's credentials could send an RPC
with any actor. So the gateway signs each actor it sends (HMAC-SHA256 over
the actor's fields and the time, with ``EISO_ACTOR_KEY``, which only the
gateway and the services hold) and every service verifies it before the
command runs: a missing, forged, altered or stale proof is refused
(``AuthenticationFailed``) and logged as one line.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time

from eiso_contracts.errors import AuthenticationFailed
from eiso_contracts.rpc.common import Actor

log = logging.getLogger(__name__)

MAX_AGE = 300.0      # seconds a proof is good for: it is made for one request
CLOCK_SKEW = 60.0    # seconds a proof may come from the future (clocks of two machines)
REFUSED = "Yêu cầu không mang danh tính hợp lệ do cổng giao tiếp xác nhận; yêu cầu bị từ chối."


def _message(actor: Actor, issued: int) -> bytes:
    fields = actor.model_dump(mode="json", exclude={"proof"})
    return json.dumps([issued, fields], sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def sign(actor: Actor, key: str, now: float | None = None) -> Actor:
    """The actor with a fresh proof (the gateway, once per request)."""
    issued = int(now if now is not None else time.time())
    mac = hmac.new(key.encode(), _message(actor, issued), hashlib.sha256).hexdigest()
    return actor.model_copy(update={"proof": f"{issued}.{mac}"})


def verify(actor: Actor, key: str, now: float | None = None, where: str = "") -> Actor:
    """The actor if its proof is the gateway's, for exactly these fields, and fresh; else refused and logged."""
    now = now if now is not None else time.time()
    problem = _problem(actor, key, now)
    if problem is not None:
        log.warning("refused %s for actor %s of unit %s: %s", where or "a command", actor.id, actor.unit_code,
                    problem)
        raise AuthenticationFailed(REFUSED)
    return actor


def _problem(actor: Actor, key: str, now: float) -> str | None:
    if not actor.proof:
        return "no proof"
    issued_text, _, mac = actor.proof.partition(".")
    if not issued_text.isdigit() or not mac:
        return "malformed proof"
    issued = int(issued_text)
    expected = hmac.new(key.encode(), _message(actor, issued), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, mac):
        return "forged or altered proof"
    if now - issued > MAX_AGE:
        return f"proof {now - issued:.0f} s old"
    if issued - now > CLOCK_SKEW:
        return "proof from the future"
    return None
