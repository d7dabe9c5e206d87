"""``eiso_kit.rpc.call``: a service that is not running is unavailable, said in one line (no traceback)."""
import logging

import pytest
from amqp.exceptions import NotFound as ChannelNotFound
from eiso_contracts.errors import NotFound, ServiceUnavailable
from nameko.exceptions import UnknownService

from eiso_kit.rpc import call


class Method:
    service_name, method_name = "workflow", "get_definition"

    def __init__(self, error):
        self.error = error

    def call_async(self, *args, **kwargs):
        raise self.error


NO_EXCHANGE = ChannelNotFound("NOT_FOUND - no exchange 'nameko-rpc' in vhost 'new'", (60, 40), "Basic.publish")


@pytest.mark.parametrize("error", [UnknownService("workflow"), NO_EXCHANGE], ids=["no queue", "no exchange yet"])
def test_a_service_not_running_yet_is_unavailable_in_one_log_line(caplog, error):
    with caplog.at_level(logging.WARNING, logger="eiso_kit.rpc"), pytest.raises(ServiceUnavailable, match="sau"):
        call(Method(error), timeout=1, unavailable="Thử lại sau")
    (record,) = caplog.records
    assert record.exc_info is None and "workflow service is not running" in record.getMessage()


def test_typed_errors_pass_and_other_failures_are_reported_with_their_traceback(caplog):
    with pytest.raises(NotFound):
        call(Method(NotFound("Không có")), timeout=1, unavailable="x")
    with caplog.at_level(logging.ERROR, logger="eiso_kit.rpc"), pytest.raises(ServiceUnavailable):
        call(Method(RuntimeError("broken")), timeout=1, unavailable="x")
    assert caplog.records[-1].exc_info is not None
