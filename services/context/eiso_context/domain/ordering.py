"""Vietnamese alphabetical order, and the order of people in a unit's directory.

Plain code-point order puts "Đặng" and "Ánh" after "Z". Here letters follow
the Vietnamese alphabet (a ă â b c d đ e ê g h i … o ô ơ … u ư … y), then
tones break ties (ngang, huyền, hỏi, ngã, sắc, nặng), then case.
"""
from __future__ import annotations

import unicodedata

# Marks that make a different letter (ă â ê ô ơ ư), ranked after the bare letter.
_LETTER_MARKS = {"\u0306": 1, "\u0302": 2, "\u031b": 3}  # breve, circumflex, horn
# Tone marks, in dictionary order after the unmarked (ngang) tone.
_TONE_MARKS = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền hỏi ngã sắc nặng

NO_DEPARTMENT = 1_000_000  # people without a department come last


def sort_key(text: str) -> tuple:
    primary: list[tuple[str, int]] = []
    tones: list[int] = []
    cases: list[int] = []
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char):
            if not primary:
                continue
            if char in _LETTER_MARKS:
                letter, _ = primary[-1]
                primary[-1] = (letter, _LETTER_MARKS[char])
            elif char in _TONE_MARKS:
                tones[-1] = _TONE_MARKS[char]
            continue
        lower = char.lower()
        primary.append(("d", 1) if lower == "đ" else (lower, 0))
        tones.append(0)
        cases.append(0 if char == lower else 1)
    return tuple(primary), tuple(tones), tuple(cases), text


def directory_key(department_sort_order: int | None, full_name: str) -> tuple:
    """People of a unit: by their department's place, then by full name."""
    order = NO_DEPARTMENT if department_sort_order is None else department_sort_order
    return order, sort_key(full_name)
