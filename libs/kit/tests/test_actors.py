"""Actors are signed by the gateway and verified by every service: unsigned, forged, altered, stale refused."""
import logging

import pytest
from eiso_contracts.errors import AuthenticationFailed
from eiso_contracts.rpc.common import Actor

from eiso_kit.actors import MAX_AGE, sign, verify

KEY = "k" * 40
PERSON = Actor(id="u-1", unit_code="SONGANH", roles=["secretary"], department_id="d-vp", full_name="Bình")


def test_a_signed_actor_is_accepted():
    assert verify(sign(PERSON, KEY, now=1000), KEY, now=1010).id == "u-1"


@pytest.mark.parametrize("case", ["unsigned", "other key", "altered role", "other unit", "stale", "future",
                                  "garbage"])
def test_anything_but_the_gateways_fresh_proof_is_refused_and_logged(case, caplog):
    good = sign(PERSON, KEY, now=1000)
    actor, now = {
        "unsigned": (PERSON, 1000),
        "other key": (sign(PERSON, "x" * 40, now=1000), 1000),
        "altered role": (good.model_copy(update={"roles": ["admin"]}), 1000),
        "other unit": (good.model_copy(update={"unit_code": "KHAC"}), 1000),
        "stale": (good, 1000 + MAX_AGE + 1),
        "future": (sign(PERSON, KEY, now=2000), 1000),
        "garbage": (PERSON.model_copy(update={"proof": "abc"}), 1000),
    }[case]
    with caplog.at_level(logging.WARNING, logger="eiso_kit.actors"), pytest.raises(AuthenticationFailed):
        verify(actor, KEY, now=now, where="quality.submit_policy")
    (record,) = caplog.records
    assert "quality.submit_policy" in record.getMessage() and record.exc_info is None  # one line
