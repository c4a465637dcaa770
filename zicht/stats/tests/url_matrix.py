from zicht.common.roles import Role
from zicht.common.testing import UrlCase

# Analysts (protected figures of all organisations) and coordinators of a support organisation
# (exact figures of their own organisation, audited). Everyone else is refused.
STATS_ROLES = frozenset({Role.ANALYST, Role.COORDINATOR})
PERIOD = "start=2020-01-01&end=2022-07-15"

URLS = [
    UrlCase("stats:dashboard", STATS_ROLES, query=PERIOD),
    UrlCase("stats:concerns", STATS_ROLES, query=PERIOD),
    UrlCase("stats:cases", STATS_ROLES, query=PERIOD),
    UrlCase("stats:outreach", STATS_ROLES, query=PERIOD),
    UrlCase("stats:report", STATS_ROLES),
    UrlCase(
        "stats:chart",
        STATS_ROLES,
        kwargs_factory=lambda personas, role: {"key": "cases_by_form"},
        query=PERIOD,
        object_scope="municipality",
    ),
    UrlCase(
        "stats:table_download",
        STATS_ROLES,
        kwargs_factory=lambda personas, role: {"key": "cases_by_form", "fmt": "csv"},
        query=PERIOD,
        object_scope="municipality",
    ),
]
