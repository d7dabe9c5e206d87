"""nameko entrypoints of the review service."""

from eiso_kit.db import Database
from eiso_kit.health import report
from eiso_kit.handlers import internal

from .models import MIGRATIONS, metadata


class ReviewService:
    """Management reviews (ISO 9.3). For now it starts, migrates and answers ``health``."""

    name = "review"
    db = Database(metadata, migrations=MIGRATIONS)

    @internal()
    def health(self):
        """``{"service": "review", "status": "ok", "checks": {"database": "ok"}}``"""
        return report(self.name, database=self.db.health())
