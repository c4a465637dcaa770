from __future__ import annotations

from zicht.accounts.permissions import CASE_ROLES

# Outreach records hold no personal data; the support organisation registers and reads them.
OUTREACH_ROLES: frozenset[str] = CASE_ROLES


def role_registers_outreach(role: str | None) -> bool:
    return role in OUTREACH_ROLES
