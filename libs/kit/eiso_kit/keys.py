"""Secret keys: set in the environment, or (one machine only) generated once into the data folder."""
from __future__ import annotations

import logging
import os
import secrets
import time
from pathlib import Path

log = logging.getLogger(__name__)

# A key anyone can read (a placeholder from a template or a guide) lets anyone sign.
MIN_LENGTH = 32
PLACEHOLDERS = ("change-me", "changeme", "change_me", "change-this", "replace-me", "your-secret",
                "secret-key", "insecure")
GENERATE_HINT = 'python -c "import secrets; print(secrets.token_urlsafe(48))"'


class InsecureKey(RuntimeError):
    """A key that is set but cannot be trusted (empty, short, a placeholder): the process refuses to start."""


def check_key(value: str, name: str, filename: str) -> str:
    """The key as given, or ``InsecureKey`` naming the variable and how to make a good one."""
    key = value.strip()
    if not key:
        problem = "is set but empty"
    elif len(key) < MIN_LENGTH:
        problem = f"is too short ({len(key)} characters, at least {MIN_LENGTH})"
    elif any(marker in key.lower() for marker in PLACEHOLDERS):
        problem = "is a placeholder value"
    else:
        return key
    raise InsecureKey(
        f"{name} {problem}: anyone could sign with it. Set it to a long random string, e.g. the output of: "
        f"{GENERATE_HINT} (the same in every copy), or unset it to have one generated into "
        f"$EISO_DATA_DIR/{filename} (one machine only).")


def key_from(value: str | None, data_dir: Path, filename: str, name: str) -> str:
    """``value`` when set (checked), else the key in ``data_dir/filename``, generated there once (mode 0600).

    Creation is atomic (written aside, then hard-linked into place), so processes
    starting together on one data folder agree on one key.
    """
    if value is not None:  # set, even if empty: it must be a real key
        return check_key(value, name, filename)
    path = Path(data_dir) / filename
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{filename}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(48))
            try:
                os.link(tmp, path)
                log.info("generated a new %s in %s", name, path)
            except FileExistsError:
                pass  # another process won the race; use its key
        finally:
            tmp.unlink(missing_ok=True)
    for _ in range(50):
        key = path.read_text().strip()
        if key:
            return key
        time.sleep(0.02)
    raise RuntimeError(f"{path} is empty; delete it or set {name}")
