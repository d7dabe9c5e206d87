"""Benchmarks of eISO (never run as tests): ``./eiso bench`` or ``python -m bench``."""
