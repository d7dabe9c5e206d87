"""Typed errors keep their class, message and details across nameko's serialisation."""
import pytest
from nameko.exceptions import deserialize, serialize

from eiso_contracts.errors import ALL_ERRORS, AlreadyProcessed, InvalidInput


@pytest.mark.parametrize("error_class", ALL_ERRORS)
def test_each_error_survives_the_rpc_boundary(error_class):
    original = error_class("Thông báo cho người dùng.")
    received = deserialize(serialize(original))
    assert type(received) is error_class
    assert received.message == "Thông báo cho người dùng."
    assert received.details is None
    assert received.as_dict() == {"error": error_class.code, "message": "Thông báo cho người dùng."}


def test_details_travel_as_data():
    original = InvalidInput("Dữ liệu không hợp lệ", [{"loc": ["motto"], "msg": "required"}])
    received = deserialize(serialize(original))
    assert received.details == [{"loc": ["motto"], "msg": "required"}]
    assert received.as_dict()["details"] == [{"loc": ["motto"], "msg": "required"}]


def test_statuses_are_distinct_where_clients_must_tell_them_apart():
    assert AlreadyProcessed.status == 409 and InvalidInput.status == 422
