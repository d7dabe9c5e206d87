"""The RPC side: metadata only, typed errors."""
from __future__ import annotations

import pytest
from eiso_contracts.errors import InvalidInput, NotFound

from eiso_kit.testing.actors import signed

_READER = {"id": "p-thuky", "unit_code": "SONGANH", "roles": ["secretary"]}  # signed at each use (a proof lasts minutes)


def test_get_file_and_get_files(documents):
    first = documents.upload(b"one", name="Một.txt", content_type="text/plain").json()
    second = documents.upload(b"two", name="Hai.txt", content_type="text/plain").json()
    outsider = signed({"id": "x", "unit_code": "KHAC", "roles": ["leader"]})
    with documents.rpc() as documents_rpc:
        assert documents_rpc.get_file(first["id"], signed(_READER)) == first
        with pytest.raises(NotFound):  # another unit's file is not found for its people (issue 7)
            documents_rpc.get_file(first["id"], outsider)
        listed = documents_rpc.get_files([second["id"], "unknown", first["id"], second["id"]])
        assert listed == [second, first]                      # a service's lookup
        assert documents_rpc.get_files([first["id"]], outsider) == []  # a person of another unit
        assert documents_rpc.get_files([]) == []


def test_unknown_file_is_not_found(documents):
    with documents.rpc() as documents_rpc:
        with pytest.raises(NotFound) as caught:
            documents_rpc.get_file("0" * 32, signed(_READER))
    assert caught.value.message == "Không tìm thấy tệp."


@pytest.mark.parametrize("call, argument", [("get_file", ""), ("get_file", 42), ("get_files", "abc"),
                                             ("get_files", ["x" * 65])])
def test_bad_arguments_are_invalid_input(documents, call, argument):
    with documents.rpc() as documents_rpc:
        with pytest.raises(InvalidInput):
            getattr(documents_rpc, call)(argument)


def test_health(documents):
    with documents.rpc() as documents_rpc:
        assert documents_rpc.health() == {"service": "documents", "status": "ok",
                                          "checks": {"database": "ok", "storage": "ok"}}
