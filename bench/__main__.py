"""``python -m bench [transitions options]`` or ``python -m bench faults [options]``."""
import sys

if len(sys.argv) > 1 and sys.argv[1] == "faults":
    from bench.faults import main

    sys.exit(main(sys.argv[2:]))

from bench.transitions import main  # noqa: E402

sys.exit(main())
