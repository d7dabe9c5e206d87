"""Database plumbing: portable column types, plumbing tables, the unit of work, migrations."""
from .provider import Database, DatabaseAccess  # noqa: F401
from .tables import plumbing_tables  # noqa: F401
from .transaction import Transaction  # noqa: F401
from .types import JsonType, UtcDateTime  # noqa: F401
