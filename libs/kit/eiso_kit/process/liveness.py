"""A liveness file per service process, and the command a supervisor runs to read it.

A service answers only over RabbitMQ, and its ``health`` RPC is taken by
whichever copy is free, so it cannot tell a supervisor whether THIS process is
alive. Instead the process rewrites a small JSON file every few seconds while
every container it runs is alive; ``python -m eiso_kit.process.liveness quality``
(the containers' HEALTHCHECK) exits 0 only when that file is fresh and says
"ok". A process whose container died writes "failing" before it exits, and a
process whose event loop is stuck stops rewriting the file, so it goes stale.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from ..settings import load_settings

STALE_AFTER = 30.0  # seconds; the file is rewritten every few seconds


def liveness_path(run_dir: Path, services: list[str]) -> Path:
    """Where the process running ``services`` keeps its liveness file."""
    return run_dir / f"{'+'.join(sorted(services))}.alive.json"


def write(path: Path, status: str, containers: dict[str, str], detail: str = "") -> None:
    """Replace the file atomically (a reader never sees half of it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    record = {"status": status, "pid": os.getpid(), "at": time.time(), "containers": containers}
    if detail:
        record["detail"] = detail
    partial = path.with_name(path.name + f".{os.getpid()}.tmp")
    partial.write_text(json.dumps(record), encoding="utf-8")
    os.replace(partial, path)


def check(path: Path, now: float | None = None, stale_after: float = STALE_AFTER) -> tuple[bool, str]:
    """(alive?, why) for the liveness file at ``path``."""
    now = time.time() if now is None else now
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return False, f"no liveness file at {path} (not started yet, or not running)"
    except (OSError, ValueError) as exc:
        return False, f"unreadable liveness file {path}: {exc}"
    age = now - float(record.get("at", 0))
    if record.get("status") != "ok":
        return False, f"process {record.get('pid')} reports {record.get('status')}: {record.get('detail', '')}"
    if age > stale_after:
        return False, f"process {record.get('pid')} last wrote its liveness file {age:.0f} s ago"
    return True, f"process {record.get('pid')} ok ({', '.join(sorted(record.get('containers', {})))})"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Exit 0 if the service process is alive (a HEALTHCHECK).")
    parser.add_argument("services", nargs="*",
                        help="service names the process runs, e.g. quality (none: every liveness file of the run "
                             "folder, at least one; in a container, its one process)")
    parser.add_argument("--stale-after", type=float, default=STALE_AFTER)
    args = parser.parse_args(argv)
    settings = load_settings()
    if args.services:
        paths = [liveness_path(settings.run_dir, args.services)]
    else:
        paths = sorted(settings.run_dir.glob("*.alive.json"))
        if not paths:
            print(f"no liveness file in {settings.run_dir} (not started yet, or not running)")
            return 1
    results = [check(path, stale_after=args.stale_after) for path in paths]
    for _, why in results:
        print(why)
    return 0 if all(alive for alive, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
