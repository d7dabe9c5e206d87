"""In-memory fakes of the services' RPC, one module per service, for the gateway's tests.

The services are outside the gateway under test, so these fakes play them,
small but honest about the contract: every argument goes through a JSON round
trip (as nameko's serializer would) and is validated with the contract's
request model, every answer is built from the contract's response models, and
typed errors are raised as the services raise them. The workflow fake reads
the real dossier-type definitions, and ``tests/contracts`` runs the same
cases against these fakes and the real services, so they cannot drift apart.
``FakeServices`` records every call, so tests assert exactly what the gateway sent.
"""
from .plumbing import FakeServices  # noqa: F401
from .seed import NOW, PASSWORD, TODAY, UNIT, UNIT_NAME, working_days  # noqa: F401
