"""Marks the methods of a fake that answer RPC (nameko's ``@rpc``), so helpers are never callable remotely."""


def rpc(method):
    method.is_rpc = True
    return method


def is_rpc(handler) -> bool:
    return callable(handler) and getattr(handler, "is_rpc", False)
