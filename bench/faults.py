"""``./eiso bench faults [--transitions 10000]``: the fault suite's scenario, long.

The same cluster, flows, faults and reconciliation as tests/faults (the services and the gateway as
separate processes on PostgreSQL and a RabbitMQ node of its own; kill -9 of every process and broker
restarts, overlapping), repeated every ``--every`` seconds until the given number of acknowledged
transitions (submission, approval with an edit, issue: three per flow). Writes the report to
``bench/results/faults-<time>.json`` and prints it.
"""
from __future__ import annotations

import eventlet

eventlet.monkey_patch()  # noqa: E402

import argparse  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import math  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from pathlib import Path  # noqa: E402

warnings.filterwarnings("ignore", message=r"(?s).*Eventlet is deprecated")
logging.getLogger("amqp").setLevel(logging.ERROR)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "faults"))

import scenario  # noqa: E402

RESULTS = ROOT / "bench" / "results"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--transitions", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=3, help="concurrent flows (default 3)")
    parser.add_argument("--every", type=float, default=45.0, help="seconds between rounds of faults")
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="eiso-faults-"))
    print(f"logs in {workdir}", flush=True)
    last = [0.0]

    def progress(load, recoveries):
        if time.monotonic() - last[0] > 30:
            last[0] = time.monotonic()
            print(f"  {load.completed * 3} transitions acknowledged, {len(recoveries)} faults so far", flush=True)

    report = scenario.run(workdir, flows_at_least=math.ceil(args.transitions / 3), workers=args.workers,
                          repeat_every=args.every, max_seconds=6 * 3600, on_progress=progress)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"faults-{time.strftime('%Y%m%dT%H%M%S')}.json"
    out.write_text(json.dumps(report, indent=1, ensure_ascii=False, default=str))
    summary = {k: report.get(k) for k in ("transitions", "flows_completed", "seconds", "max_recovery_s",
                                          "events_at_outside_consumer", "duplicate_deliveries_at_outside_consumer",
                                          "answers", "problems")}
    summary["faults_injected"] = len(report.get("faults", []))
    print(json.dumps(summary, indent=1, ensure_ascii=False), flush=True)
    print(f"report: {out}")
    return 0 if not report.get("problems") else 1


if __name__ == "__main__":
    sys.exit(main())
