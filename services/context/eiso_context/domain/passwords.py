"""Password hashing and the rules a new password must follow.

Hashes are Argon2id through argon2-cffi's ``PasswordHasher``. Why: Argon2id is
the algorithm the OWASP Password Storage Cheat Sheet currently recommends
first (memory-hard, resists GPU cracking and side channels), and argon2-cffi
is the well-kept, widely used binding to the reference C implementation. Its
default parameters (RFC 9106 low-memory profile: t=3, m=64 MiB, p=4) are
above OWASP's minimum; when they change in a later version, a stored hash is
replaced at the next successful login (``check_needs_rehash``).

Rules follow NIST SP 800-63B / OWASP ASVS: no composition rules, but a minimum length (10,
``PASSWORD_MIN_LENGTH`` of the contract) and no password that is common or easy to guess, checked
against the lists of zxcvbn (Dropbox's estimator, maintained as the ``zxcvbn`` package): the 30,000
most common passwords of public leaks, common words and names, keyboard patterns, sequences, dates
and l33t spellings of all of these, plus the words of this context (the username, the person's name,
the system's name and the most common Vietnamese password words, which the English lists lack).
A password zxcvbn estimates at fewer than 10^9 guesses is refused (its "score 3" starts at 10^8;
one more order keeps out the person's name or username with a year and a symbol, "thuky@2026!"). Why zxcvbn: it checks
variants ("Password123!", "matkhau@2026"), not only exact entries of a list, works offline (state
intranets), takes a few milliseconds, and has no dependencies. Also: not the username, and a change
must actually change the password.
"""
from __future__ import annotations

import secrets
import unicodedata
from dataclasses import dataclass
from typing import Callable, TypeVar

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from zxcvbn import zxcvbn

from eiso_contracts.errors import InvalidInput
from eiso_contracts.rpc.context import PASSWORD_MIN_LENGTH

T = TypeVar("T")

MIN_GUESSES_LOG10 = 9
# zxcvbn refuses to look at longer input (its matching is quadratic); such a password is no common one.
_ZXCVBN_MAX = 72
# Words of this system and of Vietnamese habits that zxcvbn's English lists do not hold (NIST 800-63B:
# "context-specific words, such as the name of the service").
CONTEXT_WORDS = ("eiso", "iso9001", "tcvn", "matkhau", "anhyeuem", "emyeuanh", "yeuem", "vietnam", "admin",
                 "quantri")

TOO_SHORT = f"Mật khẩu phải có ít nhất {PASSWORD_MIN_LENGTH} ký tự."
TOO_COMMON = ("Mật khẩu này quá phổ biến hoặc dễ đoán (như 12345678, password, matkhau@2026, tên đăng nhập, "
              "họ tên, ngày tháng hay dãy phím liền nhau). Vui lòng chọn mật khẩu khác, ví dụ một cụm vài từ "
              "dễ nhớ với bạn.")
SAME_AS_USERNAME = "Mật khẩu không được trùng với tên đăng nhập."
UNCHANGED = "Mật khẩu mới phải khác mật khẩu hiện tại."


@dataclass(frozen=True)
class Verdict:
    matches: bool
    needs_rehash: bool = False


def _directly(work: Callable[[], T]) -> T:
    return work()


class Passwords:
    """Hash and check passwords with one ``PasswordHasher`` (argon2id).

    ``run`` executes each hash (the service passes ``HashingGate.run``: an OS thread, a bounded
    number at a time); by default the hash runs in the caller.
    """

    def __init__(self, hasher: PasswordHasher | None = None, run: Callable[[Callable[[], T]], T] = _directly):
        self.hasher = hasher or PasswordHasher()
        self.run = run
        self._decoy: str | None = None

    def hash(self, password: str) -> str:
        return self.run(lambda: self.hasher.hash(password))

    def check(self, stored_hash: str | None, password: str) -> Verdict:
        """Does ``password`` match? With no stored hash (unknown user) a decoy is checked,
        so the answer takes as long as for a real account."""
        if stored_hash is None:
            decoy = self._decoy_hash()
            self.run(lambda: self._verify(decoy, password))
            return Verdict(False)
        if not self.run(lambda: self._verify(stored_hash, password)):
            return Verdict(False)
        return Verdict(True, needs_rehash=self.hasher.check_needs_rehash(stored_hash))

    def _verify(self, stored_hash: str, password: str) -> bool:
        try:
            return self.hasher.verify(stored_hash, password)
        except (VerificationError, InvalidHashError):  # mismatch, or a damaged stored hash
            return False

    def _decoy_hash(self) -> str:
        if self._decoy is None:
            decoy = secrets.token_urlsafe(16)
            self._decoy = self.run(lambda: self.hasher.hash(decoy))
        return self._decoy


def require_acceptable(new_password: str, username: str, current_password: str | None = None, *,
                       full_name: str = "") -> None:
    """A new password is long enough, new, and neither common nor made of the person's own names."""
    if len(new_password) < PASSWORD_MIN_LENGTH:
        raise InvalidInput(TOO_SHORT)
    if new_password.strip().lower() == username.lower():
        raise InvalidInput(SAME_AS_USERNAME)
    if current_password is not None and new_password == current_password:
        raise InvalidInput(UNCHANGED)
    if too_guessable(new_password, username, full_name):
        raise InvalidInput(TOO_COMMON)


def too_guessable(password: str, username: str = "", full_name: str = "") -> bool:
    """zxcvbn's estimate is under 10^9 guesses, counting the person's own names as known words."""
    if len(password) > _ZXCVBN_MAX:
        return False
    return zxcvbn(password, user_inputs=personal_words(username, full_name))["guesses_log10"] < MIN_GUESSES_LOG10


def personal_words(username: str, full_name: str) -> list[str]:
    """The username and its parts, the name's words with and without diacritics and run together
    ("Trần Thị Bình": tran, thi, binh, tranthibinh), and the system's words."""
    parts = username.replace(".", " ").replace("_", " ").replace("-", " ").split()
    names = full_name.split()
    plain = [_without_marks(name) for name in names]
    joined = ["".join(plain), "".join(reversed(plain))] if len(plain) > 1 else []
    return [w.lower() for w in dict.fromkeys([username, *parts, *names, *plain, *joined, *CONTEXT_WORDS]) if w]


def _without_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
