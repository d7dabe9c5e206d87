import sys
from pathlib import Path

# The harness modules (broker, cluster, driver, reconcile) are imported by name, here and by bench/faults.py.
sys.path.insert(0, str(Path(__file__).parent))
