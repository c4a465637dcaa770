from __future__ import annotations

import datetime as dt

from zicht.matching.services import Identity

# Synthetic identifiers (the BSNs pass the eleven test but are not issued to real people).
SANNE = Identity(
    bsn="111222333", given_names="Sanne Marie", prefix="van der", family_name="Berg", date_of_birth=dt.date(2009, 3, 5)
)
SANNE_VARIANT = Identity(given_names="S.", prefix="", family_name="Vanderberg", date_of_birth=dt.date(2009, 3, 5))
SANNE_SWAPPED = Identity(given_names="Sanne", prefix="", family_name="Berg", date_of_birth=dt.date(2009, 5, 3))
SANNE_TWIN = Identity(given_names="Lotte", prefix="van der", family_name="Berg", date_of_birth=dt.date(2009, 3, 5))
OTHER_BSN = "123456782"
