from hypothesis import given
from hypothesis import strategies as st

from zicht.common.pseudonyms import bsn_is_valid, keyed_hash, normalise_bsn

# Valid numbers from the eleven test by hand: 9*1+8*1+7*1+6*2+5*2+4*2+3*3+2*3-1*3 = 66 = 6*11.
VALID = ["111222333", "123456782"]


def test_known_valid_and_invalid_bsns():
    assert all(bsn_is_valid(b) for b in VALID)
    assert not bsn_is_valid("123456789")
    assert not bsn_is_valid("000000000")
    assert not bsn_is_valid("12345")
    assert not bsn_is_valid("abcdefghi")


def test_eight_digit_bsn_gets_its_leading_zero():
    assert normalise_bsn("12345678") == "012345678"
    assert normalise_bsn("1112.22.333") == "111222333"


@given(st.text(max_size=20))
def test_validator_never_crashes(text):
    assert bsn_is_valid(text) in (True, False)


@given(st.integers(min_value=10_000_000, max_value=999_999_999))
def test_changing_one_digit_breaks_a_valid_bsn(number):
    digits = str(number).zfill(9)
    if not bsn_is_valid(digits):
        return
    changed = digits[:4] + str((int(digits[4]) + 1) % 10) + digits[5:]
    assert not bsn_is_valid(changed)


def test_keyed_hash_depends_on_key_and_purpose():
    base = keyed_hash("111222333", purpose="bsn", key="k1")
    assert base != keyed_hash("111222333", purpose="bsn", key="k2")
    assert base != keyed_hash("111222333", purpose="name", key="k1")
    assert base == keyed_hash("111222333", purpose="bsn", key="k1")
