"""@query / @command / @internal: arguments parsed into the model before a worker runs, actors verified,
results dumped, refusals answered as typed errors."""
import logging

import pytest
from eiso_contracts.errors import AuthenticationFailed, InvalidInput, NotFound, ServiceUnavailable
from nameko.standalone.rpc import ClusterRpcProxy

from eiso_kit.config import nameko_config
from eiso_kit.testing.actors import signed

import handlers_app

PERSON = {"id": "u-1", "unit_code": "SONGANH", "roles": ["secretary"]}


@pytest.fixture
def toy(memory_bus, make_settings, run_services):
    config = nameko_config(make_settings())
    run_services(config, handlers_app.Toy)
    with ClusterRpcProxy(config, timeout=10) as rpc:
        yield rpc.toy


def test_positional_arguments_map_to_the_models_fields_and_models_come_back_as_json(toy):
    assert toy.lookup("A-1", signed(PERSON)) == {"code": "A-1", "unit": "SONGANH"}
    assert toy.lookup(code="A-2", actor=signed(PERSON)) == {"code": "A-2", "unit": "SONGANH"}
    assert toy.lookup({"code": "A-3", "actor": signed(PERSON)}) == {"code": "A-3", "unit": "SONGANH"}
    assert toy.rename({"actor": signed(PERSON), "name": "Mới"}) == [{"code": "Mới", "unit": "SONGANH"}]
    assert toy.whoami(signed(PERSON)) == {"id": "u-1"}   # the model is the actor itself
    assert toy.count(["a", "b"]) == 2 and toy.ping() == "pong"


@pytest.mark.parametrize("call", [
    lambda toy: toy.lookup("", signed(PERSON)),
    lambda toy: toy.lookup("A", signed(PERSON), "extra"),
    lambda toy: toy.lookup("A", signed(PERSON), code="B"),
    lambda toy: toy.lookup({"code": "A"}),
    lambda toy: toy.count("not a list"),
    lambda toy: toy.ping("unexpected"),
])
def test_input_that_does_not_fit_is_invalid_input(toy, call):
    with pytest.raises(InvalidInput):
        call(toy)


def test_an_actor_the_gateway_did_not_sign_is_refused_before_anything_runs(toy, caplog):
    with caplog.at_level(logging.INFO), pytest.raises(AuthenticationFailed):
        toy.rename({"actor": PERSON, "name": "x"})
    forged = dict(signed(PERSON), roles=["admin"])
    with pytest.raises(AuthenticationFailed):
        toy.whoami(forged)
    with pytest.raises(AuthenticationFailed):
        toy.lookup("A", signed(PERSON, key="another-key-" + "x" * 40))
    refusals = [r for r in caplog.records if "refused" in r.getMessage()]
    assert refusals and all(r.exc_info is None for r in refusals)


def test_typed_refusals_are_answers_logged_without_a_traceback(toy, caplog):
    with caplog.at_level(logging.WARNING, logger="nameko.containers"), pytest.raises(NotFound):
        toy.lookup("none", signed(PERSON))
    from eiso_kit.logs import OneLineRefusals

    expected = [r for r in caplog.records if str(r.msg).startswith("(expected)")]
    assert expected
    for record in expected:
        OneLineRefusals().filter(record)
        assert record.exc_info is None


def test_a_connection_that_broke_under_the_worker_is_a_typed_unavailable_in_one_log_line(toy, caplog):
    """Found by the long fault run: a broker restart under a read answered a RemoteError (the gateway's 500)."""
    with caplog.at_level(logging.WARNING, logger="eiso_kit.handlers"), \
            pytest.raises(ServiceUnavailable, match="thử lại"):
        toy.lookup("pipe", signed(PERSON))
    (line,) = [r for r in caplog.records if r.name == "eiso_kit.handlers"]
    assert line.exc_info is None and "BrokenPipeError" in line.getMessage()
