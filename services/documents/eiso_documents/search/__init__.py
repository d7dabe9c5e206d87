"""The one search box over a unit's documents and records, with the database's own full-text search."""
