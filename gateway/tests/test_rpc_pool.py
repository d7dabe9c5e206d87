"""The RPC port: a pool of standalone nameko proxies, one per concurrent call, never shared."""
import threading

import eventlet
import pytest
from eiso_contracts.errors import NotFound
from nameko.exceptions import RemoteError, RpcTimeout
from nameko.rpc import rpc

from eiso_gateway.rpc import NamekoRpc, ServiceUnavailable


class FakeRunner:
    """Stands for ``ClusterRpcProxy``: start() gives the cluster proxy, stop() closes it."""

    def __init__(self, registry):
        self.registry = registry
        self.in_use = 0
        self.max_in_use = 0
        self.stopped = False
        self.calls = 0
        registry.append(self)

    def start(self):
        return self

    def stop(self):
        self.stopped = True

    def __getitem__(self, service):
        runner = self

        class Service:
            def __getattr__(self, method):
                def call(*args):
                    runner.in_use += 1
                    runner.max_in_use = max(runner.max_in_use, runner.in_use)
                    runner.calls += 1
                    try:
                        if method == "slow":
                            eventlet.sleep(args[0] if args else 0.05)
                        if method == "broken":
                            raise ConnectionResetError("socket closed")
                        if method == "timeout":
                            raise RpcTimeout(1)
                        if method == "missing":
                            raise NotFound("Không có.")
                        return [service, method, *args]
                    finally:
                        runner.in_use -= 1
                return call

        return Service()


def pool(size=2, timeout=5.0):
    runners = []
    return NamekoRpc({}, size=size, timeout=timeout, factory=lambda: FakeRunner(runners)), runners


def test_proxies_start_lazily_and_are_reused():
    rpc, runners = pool()
    assert runners == []
    assert rpc.call("context", "get_person", "p1") == ["context", "get_person", "p1"]
    rpc.call("workflow", "inbox")
    assert len(runners) == 1 and runners[0].calls == 2


def test_a_proxy_is_never_shared_by_concurrent_calls():
    rpc, runners = pool(size=3)
    results = []
    threads = [threading.Thread(target=lambda i=i: results.append(rpc.call("s", "slow", 0.02))) for i in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 12
    assert 1 <= len(runners) <= 3
    assert all(r.max_in_use == 1 for r in runners)


def test_waiting_for_a_free_proxy_times_out():
    rpc, _ = pool(size=1, timeout=0.2)
    holder = threading.Thread(target=lambda: rpc.call("s", "slow", 1.0))
    holder.start()
    eventlet.sleep(0.05)
    with pytest.raises(RpcTimeout):
        rpc.call("s", "echo")
    holder.join()
    assert rpc.call("s", "echo") == ["s", "echo"]


def test_service_errors_keep_the_proxy():
    rpc, runners = pool()
    with pytest.raises(NotFound):
        rpc.call("s", "missing")
    rpc.call("s", "echo")
    assert len(runners) == 1 and not runners[0].stopped


def test_a_broken_proxy_is_replaced_and_the_call_retried_once():
    rpc, runners = pool()
    rpc.call("s", "echo")
    with pytest.raises(ServiceUnavailable):
        rpc.call("s", "broken")  # fails on the old proxy, then on a fresh one
    assert [r.stopped for r in runners] == [True, True]
    assert rpc.call("s", "echo") == ["s", "echo"]
    assert len(runners) == 3


def test_a_timed_out_proxy_is_discarded():
    rpc, runners = pool()
    with pytest.raises(RpcTimeout):
        rpc.call("s", "timeout")
    assert runners[0].stopped and rpc.started == 0


def test_close_stops_idle_proxies_and_refuses_new_calls():
    rpc, runners = pool()
    rpc.call("s", "echo")
    rpc.close()
    assert runners[0].stopped
    with pytest.raises(ServiceUnavailable):
        rpc.call("s", "echo")


def test_a_proxy_in_use_at_close_is_stopped_when_given_back():
    rpc, runners = pool()
    worker = threading.Thread(target=lambda: rpc.call("s", "slow", 0.2))
    worker.start()
    eventlet.sleep(0.05)
    rpc.close()
    worker.join()
    assert runners[0].stopped


def test_a_broker_that_cannot_be_reached_is_503():
    def refuse():
        raise ConnectionRefusedError("no broker")

    rpc = NamekoRpc({}, size=1, timeout=1, factory=refuse)
    with pytest.raises(ServiceUnavailable):
        rpc.call("s", "echo")
    with pytest.raises(ServiceUnavailable):  # the slot was given back
        rpc.call("s", "echo")


# -- the real thing: nameko over the in-memory bus ------------------------------------------
class ContextLike:
    name = "context"

    @rpc
    def health(self):
        return {"service": "context", "status": "ok", "checks": {"database": "ok"}}

    @rpc
    def get_person(self, person_id):
        raise NotFound(f"Không tìm thấy người dùng {person_id}.")

    @rpc
    def boom(self):
        raise ValueError("internal detail")

    @rpc
    def slow(self):
        eventlet.sleep(3)
        return "late"


@pytest.fixture
def bus_settings(memory_bus, make_settings):
    return make_settings(rpc_timeout=1, rpc_pool_size=8)


@pytest.fixture
def context_service(bus_settings):
    from eiso_kit.config import nameko_config
    from nameko.containers import ServiceContainer

    container = ServiceContainer(ContextLike, nameko_config(bus_settings))
    container.start()
    yield container
    container.stop()


def test_real_nameko_round_trip_and_typed_errors(bus_settings, context_service):
    rpc = NamekoRpc.from_settings(bus_settings)
    try:
        assert rpc.call("context", "health")["status"] == "ok"
        with pytest.raises(NotFound) as caught:
            rpc.call("context", "get_person", "p-9")
        assert caught.value.message == "Không tìm thấy người dùng p-9."
        with pytest.raises(RemoteError):
            rpc.call("context", "boom")
        with pytest.raises(RpcTimeout):
            rpc.call("context", "slow")
        assert rpc.call("context", "health")["status"] == "ok"  # a fresh proxy after the timeout
    finally:
        rpc.close()


def test_app_with_the_real_pool_reports_health(bus_settings, context_service):
    from eiso_gateway import create_app

    app = create_app(bus_settings)
    try:
        response = app.test_client().get("/api/v1/health")
        body = response.get_json()
        assert response.status_code == 503
        assert body["services"]["context"]["status"] == "ok"
        assert body["services"]["workflow"] == {"service": "workflow", "status": "down", "checks": {},
                                                "error": "RpcTimeout"}
    finally:
        app.extensions["eiso"].close()
