"""``python -m bench [transitions options]``: run the benchmarks and print the figures."""
import sys

from bench.transitions import main

sys.exit(main())
