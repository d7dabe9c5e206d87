"""Plumbing every eISO service shares, so each service holds only its own domain."""
