"""Code lists of the concerns app (stored codes are English; labels are translated)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from zicht.common.exploitation import ExploitationType


class ConcernChannel(models.TextChoices):
    FORM = "form", _("Form")
    PHONE = "phone", _("Phone")
    WALK_IN = "walk_in", _("Walk-in consultation")
    EMAIL = "email", _("E-mail")


class ReporterSector(models.TextChoices):
    TEACHER = "teacher", _("Teacher")
    YOUTH_WORKER = "youth_worker", _("Youth worker")
    SCHOOL_SOCIAL_WORKER = "school_social_worker", _("(School) social worker")
    COUNSELLOR = "counsellor", _("Counsellor or mentor")
    CARE_WORKER = "care_worker", _("Care worker")
    ATTENDANCE_OFFICER = "attendance_officer", _("School attendance officer")
    POLICE = "police", _("Police")
    PARENT = "parent", _("Parent or carer")
    YOUNG_PERSON = "young_person", _("Young person")
    OTHER = "other", _("Other")


# Who may say they are who when using the public form (no professional sectors there).
PUBLIC_REPORTER_SECTORS: tuple[str, ...] = (ReporterSector.YOUNG_PERSON, ReporterSector.PARENT, ReporterSector.OTHER)


class CrimeDomain(models.TextChoices):
    CANNABIS_CULTIVATION = "cannabis_cultivation", _("Cannabis cultivation")
    DRUG_TRAFFICKING = "drug_trafficking", _("Drug dealing or trafficking")
    PROPERTY_CRIME = "property_crime", _("Property crime (theft, burglary, robbery)")
    MONEY_MULE = "money_mule", _("Money mule (lending a bank account)")
    EXPLOSIVES = "explosives", _("Explosives and attacks")
    OTHER = "other", _("Other")


class RecruitmentPlace(models.TextChoices):
    STREET = "street", _("Street or hangout")
    ONLINE = "online", _("Online or social media")
    SCHOOL = "school", _("School")
    CARE_INSTITUTION = "care_institution", _("Care institution")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Unknown")


class Urgency(models.TextChoices):
    LOW = "low", _("Low")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")
    ACUTE = "acute", _("Acute (immediate danger)")


class ConcernKind(models.TextChoices):
    CONCERN = "concern", _("Concern")
    ADVICE_REQUEST = "advice_request", _("Advice request")


class ConcernStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_TRIAGE = "in_triage", _("In triage")
    ADVICE_GIVEN = "advice_given", _("Advice given")
    FORWARDED = "forwarded", _("Forwarded")
    CASE_OPENED = "case_opened", _("Case opened")
    CLOSED = "closed", _("Closed")


class ReporterStatus(models.TextChoices):
    """What a reporter sees of their own concern: never more than this."""

    RECEIVED = "received", _("Received")
    PICKED_UP = "picked_up", _("Picked up")
    CLOSED = "closed", _("Closed")


class IndicatorCategory(models.TextChoices):
    SCHOOL = "school", _("School")
    BEHAVIOUR = "behaviour", _("Behaviour")
    SOCIAL_CONTACTS = "social_contacts", _("Social contacts")
    MONEY_GOODS = "money_goods", _("Money and goods")
    ONLINE = "online", _("Online")
    HEALTH = "health", _("Health")
    SEXUAL_EXPLOITATION = "sexual_exploitation", _("Sexual exploitation")
    OTHER = "other", _("Other")


class IndicatorForm(models.TextChoices):
    """The form of exploitation an indicator points to (an ExploitationType code), or all of them."""

    CRIMINAL = ExploitationType.CRIMINAL.value, ExploitationType.CRIMINAL.label
    SEXUAL = ExploitationType.SEXUAL.value, ExploitationType.SEXUAL.label
    LABOUR = ExploitationType.LABOUR.value, ExploitationType.LABOUR.label
    GENERAL = "general", _("General")


# Free text limits (characters).
DESCRIPTION_MAX_LENGTH = 5000
NOTE_MAX_LENGTH = 2000
RECRUITMENT_DETAIL_MAX_LENGTH = 100
