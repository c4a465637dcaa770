"""Indicator labels of the seeded catalogue, marked so that the Dutch catalogue includes them.

The catalogue itself is data (fixtures/indicators.json, editable in the admin); labels added later
by an administrator are shown as typed.
"""

from django.utils.translation import gettext_noop

SEEDED_LABELS: tuple[str, ...] = (
    gettext_noop("Truancy or frequent absence from school"),
    gettext_noop("Declining school results"),
    gettext_noop("Dropped out of school or training"),
    gettext_noop("Often late, or leaves school during the day"),
    gettext_noop("Has several phones or SIM cards"),
    gettext_noop("Secretive about new friends or activities"),
    gettext_noop("Runs away or goes missing"),
    gettext_noop("Uses drugs or alcohol"),
    gettext_noop("Nervous, anxious or fearful"),
    gettext_noop("Tired, sleeps badly or is out at night"),
    gettext_noop("Suddenly changed behaviour or appearance"),
    gettext_noop("Withdraws from family and old friends"),
    gettext_noop("Carries a weapon"),
    gettext_noop("Is found in places that do not fit (other city, drug premises)"),
    gettext_noop("Suddenly has expensive clothes, shoes or other goods"),
    gettext_noop("Has large amounts of cash without explanation"),
    gettext_noop("Has debts or says they must 'work off' a debt"),
    gettext_noop("Was asked to lend a bank card or account"),
    gettext_noop("Is picked up by scooter or car"),
    gettext_noop("Has contacts who are much older"),
    gettext_noop("Has a new group of friends"),
    gettext_noop("Has contacts with known criminals"),
    gettext_noop("Seems controlled or threatened by others"),
    gettext_noop("Receives online offers of quick money ('jobs', 'snelle euro')"),
    gettext_noop("Is in closed chat groups or channels with strangers"),
    gettext_noop("Posts or shares content showing money, weapons or drugs"),
    gettext_noop("Is threatened or blackmailed online"),
    gettext_noop("Has unexplained injuries"),
    gettext_noop("Has physical or psychological stress complaints"),
    gettext_noop("Has an older 'boyfriend' or 'girlfriend' (loverboy)"),
    gettext_noop("Receives gifts, phone credit or money from unclear sources"),
    gettext_noop("Visits hotels, parties or addresses of strangers"),
    gettext_noop("Sexualised social media profile or images"),
    gettext_noop("Nude images were shared or used for blackmail"),
    gettext_noop("Sexually transmitted infection or (repeated) pregnancy"),
    gettext_noop("Has sexual contacts with several (older) people"),
    gettext_noop("Brings friends into contact with the 'boyfriend' or group"),
    gettext_noop("Works long hours for little or no pay"),
)
