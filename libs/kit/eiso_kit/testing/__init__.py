"""Test helpers shared by every package's tests (a pytest plugin plus small tools)."""
