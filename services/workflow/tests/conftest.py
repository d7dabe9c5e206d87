import sys
from pathlib import Path

# workflow_fakes (people, the fake context service, builders) is imported by name.
sys.path.insert(0, str(Path(__file__).parent))
