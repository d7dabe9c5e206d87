"""``python -m bench [transitions options]``, ``python -m bench faults [options]`` or ``python -m bench search``."""
import sys

if len(sys.argv) > 1 and sys.argv[1] == "faults":
    from bench.faults import main

    sys.exit(main(sys.argv[2:]))

if len(sys.argv) > 1 and sys.argv[1] == "search":  # plain threads: no eventlet in this one
    from bench.search import main

    sys.exit(main(sys.argv[2:]))

from bench.transitions import main  # noqa: E402

sys.exit(main())
