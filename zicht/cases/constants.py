"""Code lists of the cases app (codes are English/ASCII; labels are translated)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from zicht.common.types import StrOrPromise
from zicht.people.ages import YOUNG_AGE_LIMIT


class CriminalSubtype(models.TextChoices):
    DRUGS = "drugs", _("Drugs")
    MONEY_MULE = "money_mule", _("Money mule")
    FRONT_PERSON = "front_person", _("Front person (katvanger)")
    THEFT = "theft", _("Theft")
    EXPLOSIVES = "explosives", _("Explosives")
    RECRUITING_FOR_PROSTITUTION = "recruiting_for_prostitution", _("Recruiting for prostitution")
    OTHER = "other", _("Other criminal activity")


class VictimStatus(models.TextChoices):
    POSSIBLE = "possible", _("Possible victim")
    SUSPECTED = "suspected", _("Suspected victim")
    CONFIRMED = "confirmed", _("Confirmed victim")
    NOT_VICTIM = "not_victim", _("Not a victim")


# The source document counts "(suspected) victims": suspected and confirmed.
COUNTED_VICTIM_STATUSES: frozenset[str] = frozenset({VictimStatus.SUSPECTED, VictimStatus.CONFIRMED})


class CaseStatus(models.TextChoices):
    INTAKE = "intake", _("Intake")
    ACTIVE_SUPPORT = "active_support", _("Active support")
    CLOSED = "closed", _("Closed")


class CaseEventKind(models.TextChoices):
    STATUS_CHANGE = "status_change", _("Status change")
    ASSIGNMENT = "assignment", _("Assignment")
    NOTE = "note", _("Note")
    VICTIM_STATUS = "victim_status", _("Victim status")
    EXPLOITATION = "exploitation", _("Forms of exploitation")
    SUPPORT_ACTION = "support_action", _("Support action")
    REFERRAL = "referral", _("Referral")
    CONSENT = "consent", _("Consent")
    TRANSITION_STEP = "transition_step", _("Transition at 18")
    CLOSED = "closed", _("Closed")


class SupportActionKind(models.TextChoices):
    SHELTER = "shelter", _("Shelter")
    PSYCHOSOCIAL = "psychosocial", _("Psychosocial support")
    PRACTICAL = "practical", _("Practical support")
    LEGAL = "legal", _("Legal support")
    SAFETY_PLAN = "safety_plan", _("Safety plan")
    EDUCATION_WORK = "education_work", _("Education and work")
    OTHER = "other", _("Other support")


class ReferralStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    DONE = "done", _("Done")


class ReferralPurpose(models.TextChoices):
    YOUTH_CARE_COORDINATION = "youth_care_coordination", _("Coordination of youth care")
    SHELTER = "shelter", _("Shelter")
    MENTAL_HEALTH = "mental_health", _("Mental health care")
    SAFETY = "safety", _("Safety and protection")
    LEGAL_AID = "legal_aid", _("Legal aid")
    EDUCATION_WORK = "education_work", _("Education and work")
    OTHER = "other", _("Other purpose")
    # Sharing with the partners invited to a case meeting (consent or legal basis per partner).
    CASE_MEETING = "case_meeting", _("Case meeting")


# A referral asks a partner for something; a case meeting is not something one refers to.
REFERRAL_ONLY_PURPOSES: tuple[tuple[str, StrOrPromise], ...] = tuple(
    (value, label) for value, label in ReferralPurpose.choices if value != ReferralPurpose.CASE_MEETING
)


class LegalBasis(models.TextChoices):
    CONSENT = "consent", _("Consent")
    LEGAL_OBLIGATION = "legal_obligation", _("Legal obligation (e.g. Jeugdwet, Wmo)")
    VITAL_INTEREST = "vital_interest", _("Vital interest")
    PUBLIC_TASK = "public_task", _("Public task")


class CloseReason(models.TextChoices):
    GOALS_REACHED = "goals_reached", _("Support goals reached")
    MOVED = "moved", _("Moved away")
    REFUSED_SUPPORT = "refused_support", _("Support refused")
    TRANSFERRED = "transferred", _("Transferred to another organisation")
    NO_EXPLOITATION = "no_exploitation", _("No exploitation found")
    OTHER = "other", _("Other reason")


def young_victim_q() -> models.Q:
    """The source document's "young (suspected) victims": under 21 at registration, with victim
    status suspected or confirmed. The one definition the registry and the statistics share."""
    return models.Q(age_at_registration__lt=YOUNG_AGE_LIMIT, victim_status__in=COUNTED_VICTIM_STATUSES)
