"""``GrantKeys``: the nameko dependency that signs and checks grants with the key of this service's database."""
from __future__ import annotations

from nameko.extensions import DependencyProvider

from . import repository
from .domain.grants import Signer


class GrantKeys(DependencyProvider):
    """Reads the key once (the migration wrote it; every copy of the service shares the database)."""

    def setup(self):
        self._signer: Signer | None = None

    def get_dependency(self, worker_ctx) -> "GrantKeys":
        return self

    def signer(self, db) -> Signer:
        if self._signer is None:
            with db.read() as session:
                secret = repository.grant_secret(session)
            if not secret:
                raise RuntimeError("the documents database has no grant key: run its migrations")
            self._signer = Signer(secret)
        return self._signer
