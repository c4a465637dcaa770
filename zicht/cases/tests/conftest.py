"""Fixtures shared with the involvement index tests."""

from zicht.matching.tests.conftest import police_partner  # noqa: F401 (a pytest fixture, used by name)
