"""What a login name may look like, and how a typed one is matched."""
from __future__ import annotations

import re
import string

from eiso_contracts.errors import InvalidInput

_SHAPE = re.compile(r"^[a-z][a-z0-9]*(?:[._-][a-z0-9]+)*$")
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
MIN_LENGTH, MAX_LENGTH = 3, 64

BAD_USERNAME = ("Tên đăng nhập gồm 3–64 ký tự: chữ thường không dấu, chữ số và các dấu . _ -; "
                "bắt đầu bằng chữ cái, không kết thúc bằng dấu và không có hai dấu liền nhau.")


def normalize(typed: str) -> str:
    """The stored form of a name a person typed at login: trimmed, A–Z lowered. Only ASCII is
    lowered (usernames are ASCII), so the result is never longer than what was typed."""
    return typed.strip().translate(_ASCII_LOWER)


def new_username(typed: str) -> str:
    """The username a new account gets, or ``InvalidInput`` saying what is allowed."""
    username = normalize(typed)
    if not (MIN_LENGTH <= len(username) <= MAX_LENGTH and _SHAPE.match(username)):
        raise InvalidInput(BAD_USERNAME)
    return username
