"""nameko entrypoints of the audit service."""

from eiso_kit.db import Database
from eiso_kit.health import report
from eiso_kit.handlers import internal

from .models import MIGRATIONS, metadata


class AuditService:
    """Internal audit programmes (ISO 9.2). For now it starts, migrates and answers ``health``."""

    name = "audit"
    db = Database(metadata, migrations=MIGRATIONS)

    @internal()
    def health(self):
        """``{"service": "audit", "status": "ok", "checks": {"database": "ok"}}``"""
        return report(self.name, database=self.db.health())
