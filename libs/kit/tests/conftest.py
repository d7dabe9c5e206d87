import sys
from pathlib import Path

# The toy services of the backbone tests are imported by name (and run as a script).
sys.path.insert(0, str(Path(__file__).parent))
