"""Demo data for partner lists: three synthetic, pseudonymised lists and one estimate."""

from __future__ import annotations

import datetime as dt

from zicht.common.demo_context import DemoContext
from zicht.common.pseudonyms import key_id
from zicht.people.ages import age_group, age_on
from zicht.sources.constants import UploadChannel
from zicht.sources.estimation import EstimationError
from zicht.sources.pseudonymise import keys_for_identity
from zicht.sources.services import estimate_snapshot_create, source_list_upload
from zicht.sources.synthetic import DEFAULT_REGISTRIES, generate

# A demo list key (not a secret: demo data only). Real list keys are agreed per purpose.
DEMO_LIST_KEY = "demo-list-key-synthetic-data-only"
YEAR = 2025


def populate(context: DemoContext) -> None:
    data = generate(700, seed=context.rng.randrange(10**6), year=YEAR)
    owners = {
        "support": context.users["coordinator"],
        "police": context.users.get("police_partner", context.users["partner"]),
        "cjg": context.users["partner"],
    }
    for profile in DEFAULT_REGISTRIES:
        user = owners[profile.name]
        rows = []
        for r in (r for r in data.records if r["registry"] == profile.name):
            keyed = keys_for_identity(r, key=DEMO_LIST_KEY)
            if keyed.linkable_by == "none":  # the partner script leaves such a row out
                continue
            band = age_group(age_on(r["date_of_birth"], dt.date(YEAR, 7, 1))) if r["date_of_birth"] else "unknown"
            rows.append(
                {
                    "key_id": _key_id(),
                    **keyed.keys,
                    "year": YEAR,
                    "age_band": band,
                    "exploitation_forms": r["exploitation_forms"],
                }
            )
        source_list_upload(
            organization=user.organization,
            name=f"{user.organization.name} {YEAR}",
            year=YEAR,
            rows=rows,
            actor=user,
            uploaded_by=user,
            channel=UploadChannel.SCREEN,
        )
    try:
        snapshot = estimate_snapshot_create(
            period_start=dt.date(YEAR, 1, 1), period_end=dt.date(YEAR, 12, 31), user=context.users["analyst"]
        )
    except EstimationError as exc:
        context.log(f"sources: no demo estimate ({exc})")
        return
    context.extra["estimate_snapshot_id"] = snapshot.pk
    context.log(
        f"sources: 3 lists, estimate {snapshot.estimate:.0f} (observed {snapshot.observed}; true synthetic "
        f"population {len(data.people)})"
    )


def _key_id() -> str:
    return key_id(DEMO_LIST_KEY)
