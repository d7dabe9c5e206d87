"""Request and response models of each service's RPC interface.

Callers send ``model.model_dump(mode="json")``; services rebuild with
``model_validate`` (see ``eiso_kit.rpc``), so kombu never sees a pydantic
object and outside readers see plain JSON.
"""
