"""The documents service's part of a backup: the bytes of every stored file, checked by SHA-256.

Called by ``python -m eiso_kit.backup`` after (dump) or after (load) the database; the rows say which
objects exist and what their SHA-256 must be, so a file restored with other bytes is refused.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sqlalchemy import Engine, select

from .models import STORED, files
from .storage.factory import build_storage

FILES = "files"
INDEX = "files.json"


class FileMismatch(RuntimeError):
    pass


def dump(settings, engine: Engine, folder: Path) -> dict:
    """Copy every stored file into ``folder/files/<key>``; return {"files": n, "bytes": total}."""
    storage = build_storage(settings)
    with engine.connect() as conn:
        # Only stored files have bytes: a removed (never attached) or destroyed (its record destroyed) file keeps
        # its row as a record, without its object.
        rows = conn.execute(select(files.c.storage_key, files.c.sha256, files.c.size)
                            .where(files.c.state == STORED).order_by(files.c.storage_key)).all()
    index, total = [], 0
    for key, sha256, size in rows:
        target = folder / FILES / key
        target.parent.mkdir(parents=True, exist_ok=True)
        digest, written = hashlib.sha256(), 0
        stream = storage.open(key)
        try:
            with target.open("wb") as out:
                for chunk in stream:
                    digest.update(chunk)
                    out.write(chunk)
                    written += len(chunk)
        finally:
            stream.close()
        if digest.hexdigest() != sha256 or written != size:
            raise FileMismatch(f"stored object {key} does not match its record (SHA-256 or size differs)")
        index.append({"key": key, "sha256": sha256, "size": size})
        total += size
    (folder / INDEX).write_text(json.dumps(index, indent=1), encoding="utf-8")
    return {"files": len(index), "bytes": total}


def load(settings, engine: Engine, folder: Path) -> dict:
    """Put every file of the backup back into storage under its key; each one's SHA-256 is checked."""
    storage = build_storage(settings)
    storage.prepare()
    index = json.loads((folder / INDEX).read_text(encoding="utf-8")) if (folder / INDEX).exists() else []
    total = 0
    for entry in index:
        with (folder / FILES / entry["key"]).open("rb") as source:
            stored = storage.put(entry["key"], source, limit=max(entry["size"], 1))
        if stored.sha256 != entry["sha256"]:
            raise FileMismatch(f"{entry['key']}: the restored bytes differ from the backup's SHA-256")
        total += stored.size
    return {"files": len(index), "bytes": total}
