"""Tests of the deployment files: compose, Dockerfiles, requirements, wheels, nginx. No Docker engine needed."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: builds wheels of every package (tens of seconds); -m 'not slow' skips it")
