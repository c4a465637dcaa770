from django.db import models
from django.utils.translation import gettext_lazy as _


class AudienceSector(models.TextChoices):
    """Professional sectors a training reaches (the reporter sectors without parents and young people)."""

    TEACHER = "teacher", _("Teachers")
    YOUTH_WORKER = "youth_worker", _("Youth workers")
    SCHOOL_SOCIAL_WORKER = "school_social_worker", _("(School) social workers")
    COUNSELLOR = "counsellor", _("Counsellors and mentors")
    CARE_WORKER = "care_worker", _("Care workers")
    ATTENDANCE_OFFICER = "attendance_officer", _("School attendance officers")
    POLICE = "police", _("Police officers")
    OTHER = "other", _("Other professionals")


class TrainingKind(models.TextChoices):
    TRAINING = "training", _("Training")
    INFORMATION_SESSION = "information_session", _("Information session")
    PRESENTATION = "presentation", _("Presentation")


class CampaignChannel(models.TextChoices):
    ONLINE = "online", _("Online")
    SOCIAL = "social", _("Social media")
    POSTER = "poster", _("Posters and flyers")
    OTHER = "other", _("Other")


MAX_PARTICIPANTS = 10_000
