"""Measurement per department (ISO 9.1.1 of the objectives): each department's objectives and measured results."""
