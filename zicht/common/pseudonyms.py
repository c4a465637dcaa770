"""Normalised identifiers and keyed pseudonyms (HMAC-SHA256), shared by matching and sources.

One module makes every pseudonymous key so that the involvement index and the partner lists
agree on normalisation. The server key never leaves the server; partners use a key shared for
list pseudonymisation only (pass it as ``key``).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import hmac
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings

BSN_LENGTH = 9
_BSN_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def normalise_bsn(value: str) -> str:
    """Digits only, left-padded to nine (an eight-digit BSN lost its leading zero)."""
    # NFKC first: fullwidth or other Unicode digits become ASCII, so one person has one key.
    digits = re.sub(r"[\s.\-]", "", unicodedata.normalize("NFKC", value or ""))
    if not re.fullmatch(r"[0-9]{8,9}", digits):
        raise ValueError(f"not a BSN: {value!r}")
    return digits.zfill(BSN_LENGTH)


def bsn_is_valid(value: str) -> bool:
    """The eleven test (elfproef) of the Dutch citizen service number."""
    try:
        digits = normalise_bsn(value)
    except ValueError:
        return False
    if digits == "0" * BSN_LENGTH:
        return False
    total = sum(int(d) * w for d, w in zip(digits, _BSN_WEIGHTS, strict=True))
    return total % 11 == 0


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise_text(text: str) -> str:
    """Lower case, accents removed, only letters kept (spaces, hyphens, apostrophes dropped)."""
    return re.sub(r"[^a-z]", "", strip_accents(text or "").lower())


def keyed_hash(value: str, *, purpose: str, key: str | bytes | None = None) -> str:
    """HMAC-SHA256 of ``purpose`` and ``value`` as hex; ``purpose`` separates key spaces."""
    secret = key if key is not None else settings.PSEUDONYM_KEY
    secret_bytes = secret.encode("utf-8") if isinstance(secret, str) else secret
    message = f"{purpose}\x1f{value}".encode()
    return hmac.new(secret_bytes, message, hashlib.sha256).hexdigest()


def bsn_key(bsn: str, *, key: str | bytes | None = None) -> str:
    if not bsn_is_valid(bsn):
        raise ValueError(f"BSN fails the eleven test: {bsn!r}")
    return keyed_hash(normalise_bsn(bsn), purpose="bsn", key=key)


# --- names and dates of birth ------------------------------------------------------------------
# Tussenvoegsels (surname prefixes). A surname is compared without them because they are written
# in many ways: "van der Berg", "Van der Berg", "Vanderberg", or dropped altogether ("Berg").
PREFIX_WORDS: frozenset[str] = frozenset(
    {
        "van",
        "von",
        "der",
        "den",
        "de",
        "het",
        "ter",
        "ten",
        "te",
        "t",
        "op",
        "in",
        "uit",
        "aan",
        "bij",
        "onder",
        "over",
        "la",
        "le",
        "du",
        "da",
        "di",
        "del",
        "della",
        "dos",
        "el",
        "al",
        "d",
        "l",
    }
)
# Prefixes also stripped when merged into the surname ("Vanderberg"); short ones ("de", "te")
# are not, because too many surnames merely start with them (Dekker, Dijkstra, Teunissen).
_MERGED_PREFIXES: tuple[str, ...] = ("vanden", "vander", "vande", "vanhet", "van", "von", "ter", "ten")
# A merged prefix is only stripped when at least this many letters remain.
_MIN_SURNAME_CORE = 3


def surname_core(prefix: str, family_name: str) -> str:
    """The family name without tussenvoegsels, normalised: ("van der", "Berg") -> "berg".

    Separate prefix words are dropped wherever they were typed (prefix field or family-name field),
    then a merged long prefix is stripped ("Vanderberg" -> "berg"), so all common spellings give the
    same core. Applied identically to both sides of every comparison.
    """
    words = [w for w in re.split(r"[\s'`’]+", strip_accents(f"{prefix or ''} {family_name or ''}").lower()) if w]
    while len(words) > 1 and normalise_text(words[0]) in PREFIX_WORDS:
        words.pop(0)
    text = normalise_text("".join(words))
    stripped = True
    while stripped:
        stripped = False
        for p in _MERGED_PREFIXES:
            if text.startswith(p) and len(text) - len(p) >= _MIN_SURNAME_CORE:
                text = text[len(p) :]
                stripped = True
                break
    return text


# Dutch spelling variants, applied in order (longest patterns first within a step).
_PHONETIC_RULES: tuple[tuple[str, str], ...] = (
    (r"sch$", "s"),  # Bosch = Bos
    (r"sch", "sg"),
    (r"(ij|ei|y|ey|uy)", "Y"),  # ij, ei and y sound alike (Dijk, Dyk, Deik)
    (r"(au|ou)", "U"),
    (r"ch", "g"),  # Dutch ch and g are close
    (r"gh", "g"),
    (r"ph", "f"),
    (r"th", "t"),
    (r"qu", "kw"),
    (r"ck", "k"),
    (r"c(?=[eiY])", "s"),
    (r"c", "k"),
    (r"x", "ks"),
    (r"z", "s"),
    (r"v", "f"),
    (r"dt$", "t"),
    (r"d$", "t"),  # final devoicing: Brand = Brant
    (r"ae", "a"),  # old spelling: Maes = Mas
    (r"h(?![aeiouUY])", ""),  # silent h after a vowel or before a consonant
)


def dutch_phonetic(text: str) -> str:
    """A small Dutch sound code for an already normalised surname core.

    Hand-written rather than ``jellyfish.metaphone`` because metaphone follows English spelling
    (it splits "ij", reads "sch" as SK and keeps v/f, z/s apart, which Dutch clerks mix up), and so
    the partners' pseudonymisation script needs no third-party package. After the spelling rules,
    doubled letters are collapsed and vowels after the first letter are dropped, which absorbs
    Jansen/Janssen/Janson-type variants.
    """
    code = normalise_text(text)
    if not code:
        return ""
    for pattern, replacement in _PHONETIC_RULES:
        code = re.sub(pattern, replacement, code)
    code = re.sub(r"(.)\1+", r"\1", code)
    if not code:
        return ""
    return (code[0] + re.sub(r"[aeiouUY]", "", code[1:])).lower()


def given_names_normalised(given_names: str) -> str:
    return normalise_text(given_names)


def first_initial(given_names: str) -> str:
    return given_names_normalised(given_names)[:1]


_DATE_PATTERNS = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), ("y", "m", "d")),
    (re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$"), ("d", "m", "y")),
)


def parse_date_of_birth(value: object) -> _dt.date:
    """A date from a ``date`` or text as YYYY-MM-DD or DD-MM-YYYY (also / and . separators)."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    text = str(value or "").strip()
    for pattern, order in _DATE_PATTERNS:
        found = pattern.match(text)
        if found:
            parts = dict(zip(order, (int(g) for g in found.groups()), strict=True))
            try:
                return _dt.date(parts["y"], parts["m"], parts["d"])
            except ValueError:
                break
    raise ValueError(f"not a date of birth: {text!r}")


@dataclass(frozen=True)
class PartialDate:
    """A date of birth known completely or by year only."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def complete(self) -> bool:
        return self.month is not None and self.day is not None

    def date(self) -> _dt.date | None:
        if self.month is None or self.day is None:
            return None
        return _dt.date(self.year, self.month, self.day)

    def iso(self) -> str:
        found = self.date()
        return found.isoformat() if found else f"{self.year:04d}"


_YEAR_ONLY = re.compile(r"^(\d{4})$")


def parse_partial_date(value: object) -> PartialDate | None:
    """A full date as ``parse_date_of_birth`` reads it, a year alone (``YYYY``), or None when empty.

    ``ValueError`` for text that is neither (e.g. an impossible date).
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, int) or _YEAR_ONLY.match(str(value).strip()):
        year = int(str(value).strip())
        if not 1900 <= year <= 2100:
            raise ValueError(f"not a year of birth: {value!r}")
        return PartialDate(year)
    found = parse_date_of_birth(value)
    return PartialDate(found.year, found.month, found.day)


@dataclass(frozen=True)
class GivenNames:
    """Given names as compared: ``full`` and ``first`` are empty when only initials were written."""

    full: str
    first: str
    initials: str

    @property
    def initials_only(self) -> bool:
        return bool(self.initials) and not self.full


def given_name_parts(given_names: str) -> GivenNames:
    """ "Sanne Lotte" -> (sannelotte, sanne, sl); "S. L." or "S.L." -> ("", "", sl)."""
    words = [normalise_text(w) for w in re.split(r"[\s.\-]+", given_names or "")]
    words = [w for w in words if w]
    if not words:
        return GivenNames("", "", "")
    initials = "".join(w[0] for w in words)
    if all(len(w) == 1 for w in words):
        return GivenNames("", "", initials)
    return GivenNames("".join(words), words[0], initials)


def swapped_day_month(dob: _dt.date) -> _dt.date | None:
    """The date with day and month exchanged, when that is a different valid date."""
    if dob.day > 12 or dob.day == dob.month:
        return None
    return _dt.date(dob.year, dob.day, dob.month)


class KeyKind:
    """Kinds of match keys. Swapped variants share the HMAC purpose of their base kind, so a key
    made from a swapped date equals the base key of the other registration."""

    BSN = "bsn"
    NAME_DOB = "name_dob"  # surname core + first initial + date of birth
    PHONETIC_DOB = "phonetic_dob"  # phonetic surname + date of birth
    NAME_DOB_SWAPPED = "name_dob_swapped"
    PHONETIC_DOB_SWAPPED = "phonetic_dob_swapped"
    GIVEN_DOB = "given_dob"  # all given names + surname core + date of birth

    NAME_KINDS: tuple[str, ...] = (NAME_DOB, PHONETIC_DOB, NAME_DOB_SWAPPED, PHONETIC_DOB_SWAPPED, GIVEN_DOB)
    ALL: tuple[str, ...] = (BSN, *NAME_KINDS)
    BASE: dict[str, str] = {
        BSN: BSN,
        NAME_DOB: NAME_DOB,
        PHONETIC_DOB: PHONETIC_DOB,
        NAME_DOB_SWAPPED: NAME_DOB,
        PHONETIC_DOB_SWAPPED: PHONETIC_DOB,
        GIVEN_DOB: GIVEN_DOB,
    }


def probable_match(evidence: Iterable[str], *, min_kinds: int = 2) -> tuple[str, ...]:
    """The kinds of name/date agreement (``evidence_for`` values) when they make a probable match.

    A probable match needs at least ``min_kinds`` different kinds (never fewer than one); a BSN
    agreement is not name evidence and is left out. Returns () otherwise. Used by the involvement
    index (two kinds, so one weak key never links) and by the partner-list linkage (its threshold).
    """
    kinds = tuple(sorted(set(evidence) - {KeyKind.BSN}))
    return kinds if len(kinds) >= max(1, min_kinds) else ()


def evidence_for(kind_a: str, kind_b: str) -> str:
    """What an agreement between a key of ``kind_a`` and an equal key of ``kind_b`` shows.

    Same kind (or both swapped): the base kind. One swapped, one not: ``<base>_swapped``, which
    means the two dates of birth agree with day and month exchanged.
    """
    base = KeyKind.BASE[kind_a]
    if KeyKind.BASE[kind_b] != base:
        raise ValueError(f"keys of kinds {kind_a!r} and {kind_b!r} cannot agree")
    swapped_a, swapped_b = kind_a != base, kind_b != base
    return f"{base}_swapped" if swapped_a != swapped_b else base


def compatible_kinds(kind: str) -> tuple[str, ...]:
    """The stored kinds a key of ``kind`` is compared with."""
    base = KeyKind.BASE[kind]
    return tuple(k for k in KeyKind.ALL if KeyKind.BASE[k] == base)


def match_keys(
    *,
    bsn: str = "",
    given_names: str = "",
    prefix: str = "",
    family_name: str = "",
    date_of_birth: object = None,
    key: str | bytes | None = None,
) -> dict[str, str]:
    """All match keys that can be made from the identifiers given, as ``{kind: hex}``.

    A BSN must pass the eleven test (``ValueError`` otherwise). Name keys need a surname core and
    a date of birth; the initial and given-names keys also need given names. ``key`` is the HMAC
    secret (default: the server key).
    """
    keys: dict[str, str] = {}
    if bsn and str(bsn).strip():
        keys[KeyKind.BSN] = bsn_key(str(bsn), key=key)
    if date_of_birth in (None, ""):
        return keys
    dob = parse_date_of_birth(date_of_birth)
    core = surname_core(prefix, family_name)
    if not core:
        return keys
    phonetic = dutch_phonetic(core)
    initial = first_initial(given_names)
    given = given_names_normalised(given_names)
    swapped = swapped_day_month(dob)

    def make(base: str, parts: tuple[str, ...]) -> str:
        return keyed_hash("|".join(parts), purpose=base, key=key)

    keys[KeyKind.PHONETIC_DOB] = make(KeyKind.PHONETIC_DOB, (phonetic, dob.isoformat()))
    if swapped:
        keys[KeyKind.PHONETIC_DOB_SWAPPED] = make(KeyKind.PHONETIC_DOB, (phonetic, swapped.isoformat()))
    if initial:
        keys[KeyKind.NAME_DOB] = make(KeyKind.NAME_DOB, (core, initial, dob.isoformat()))
        if swapped:
            keys[KeyKind.NAME_DOB_SWAPPED] = make(KeyKind.NAME_DOB, (core, initial, swapped.isoformat()))
        keys[KeyKind.GIVEN_DOB] = make(KeyKind.GIVEN_DOB, (given, core, dob.isoformat()))
    return keys


def key_id(key: str | bytes | None = None) -> str:
    """A short, non-reversible fingerprint of the HMAC secret: keys made with different secrets
    (before and after rotation, or different list keys) are never compared."""
    return keyed_hash("key-id", purpose="key-fingerprint", key=key)[:16]
