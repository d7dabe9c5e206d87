"""Backup and restore of one service's database (and its files, through the service's own hook).

A logical dump, not ``pg_dump``: one format for the embedded SQLite files and
for PostgreSQL, independent of the server's version, and a trial run's data
can be restored into a real deployment. Each table is one JSON-lines file in
primary-key order, read in ONE snapshot of the database; a manifest records
the schema revision, each column's kind, the row counts and the SHA-256 of
every file. A restore migrates an empty database to the dump's revision,
loads the rows, checks the counts, and upgrades it to the code's revision.
"""
from .database import dump_database, load_database  # noqa: F401
