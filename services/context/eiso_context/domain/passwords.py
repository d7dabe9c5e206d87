"""Password hashing and the rules a new password must follow.

Hashes are Argon2id through argon2-cffi's ``PasswordHasher``. Why: Argon2id is
the algorithm the OWASP Password Storage Cheat Sheet currently recommends
first (memory-hard, resists GPU cracking and side channels), and argon2-cffi
is the well-kept, widely used binding to the reference C implementation. Its
default parameters (RFC 9106 low-memory profile: t=3, m=64 MiB, p=4) are
above OWASP's minimum; when they change in a later version, a stored hash is
replaced at the next successful login (``check_needs_rehash``).

Rules follow NIST SP 800-63B / OWASP: a minimum length (8, checked by the
contract) and no composition rules, plus: not the username, and a change
must actually change the password.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from eiso_contracts.errors import InvalidInput

SAME_AS_USERNAME = "Mật khẩu không được trùng với tên đăng nhập."
UNCHANGED = "Mật khẩu mới phải khác mật khẩu hiện tại."


@dataclass(frozen=True)
class Verdict:
    matches: bool
    needs_rehash: bool = False


class Passwords:
    """Hash and check passwords with one ``PasswordHasher`` (argon2id)."""

    def __init__(self, hasher: PasswordHasher | None = None):
        self.hasher = hasher or PasswordHasher()
        self._decoy: str | None = None

    def hash(self, password: str) -> str:
        return self.hasher.hash(password)

    def check(self, stored_hash: str | None, password: str) -> Verdict:
        """Does ``password`` match? With no stored hash (unknown user) a decoy is checked,
        so the answer takes as long as for a real account."""
        if stored_hash is None:
            self._verify(self._decoy_hash(), password)
            return Verdict(False)
        if not self._verify(stored_hash, password):
            return Verdict(False)
        return Verdict(True, needs_rehash=self.hasher.check_needs_rehash(stored_hash))

    def _verify(self, stored_hash: str, password: str) -> bool:
        try:
            return self.hasher.verify(stored_hash, password)
        except (VerificationError, InvalidHashError):  # mismatch, or a damaged stored hash
            return False

    def _decoy_hash(self) -> str:
        if self._decoy is None:
            self._decoy = self.hasher.hash(secrets.token_urlsafe(16))
        return self._decoy


def require_acceptable(new_password: str, username: str, current_password: str | None = None) -> None:
    """The rules beyond length (the contract checks 8–256 characters)."""
    if new_password.strip().lower() == username.lower():
        raise InvalidInput(SAME_AS_USERNAME)
    if current_password is not None and new_password == current_password:
        raise InvalidInput(UNCHANGED)
