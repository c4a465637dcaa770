"""Dutch number words for the letter's opening ("een brief met daarin dertien vragen").

Written by hand: no number-spelling library is installed, and the letter needs only small
cardinal numbers (a letter rarely has more than forty questions). Covers 0–99.
"""

from __future__ import annotations

UNITS = (
    "nul",
    "een",
    "twee",
    "drie",
    "vier",
    "vijf",
    "zes",
    "zeven",
    "acht",
    "negen",
    "tien",
    "elf",
    "twaalf",
    "dertien",
    "veertien",
    "vijftien",
    "zestien",
    "zeventien",
    "achttien",
    "negentien",
)
TENS = {2: "twintig", 3: "dertig", 4: "veertig", 5: "vijftig", 6: "zestig", 7: "zeventig", 8: "tachtig", 9: "negentig"}


def dutch_number_words(number: int) -> str:
    """``13`` → ``"dertien"``, ``22`` → ``"tweeëntwintig"`` (trema after a vowel e), 0 ≤ n ≤ 99."""
    if isinstance(number, bool) or not isinstance(number, int) or not 0 <= number <= 99:
        raise ValueError(f"number out of range 0–99: {number!r}")
    if number < 20:
        return UNITS[number]
    tens, unit = divmod(number, 10)
    if unit == 0:
        return TENS[tens]
    unit_word = UNITS[unit]
    joiner = "ën" if unit_word.endswith("e") else "en"
    return f"{unit_word}{joiner}{TENS[tens]}"
