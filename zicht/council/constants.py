from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_DEADLINE_RULE = "art30:21d"
DEFAULT_WARNING_DAYS = 5
# Default titles of the signatories, as they stand in the (Dutch) answer letter.
SECRETARY_TITLE = "de secretaris"
MAYOR_TITLE = "de burgemeester"


class QuestionStatus(models.TextChoices):
    RECEIVED = "received", _("received")
    BEING_ANSWERED = "being_answered", _("being answered")
    AWAITING_APPROVAL = "awaiting_approval", _("awaiting approval")
    SENT = "sent", _("sent")
    PUBLISHED = "published", _("published")


# Statuses in which the letter has left the college: no deadline applies any more.
CLOSED_STATUSES: frozenset[str] = frozenset({QuestionStatus.SENT, QuestionStatus.PUBLISHED})
# Statuses in which questions and answers may still be edited.
EDITABLE_STATUSES: frozenset[str] = frozenset({QuestionStatus.RECEIVED, QuestionStatus.BEING_ANSWERED})


class EventKind(models.TextChoices):
    REGISTERED = "registered", _("registered")
    CHANGED = "changed", _("changed")
    QUESTION_ADDED = "question_added", _("question added")
    QUESTION_CHANGED = "question_changed", _("question changed")
    QUESTION_REMOVED = "question_removed", _("question removed")
    ANSWER_CHANGED = "answer_changed", _("answer changed")
    FIGURE_INSERTED = "figure_inserted", _("figure inserted")
    DEADLINE_EXTENDED = "deadline_extended", _("deadline extended")
    STATUS_CHANGED = "status_changed", _("status changed")
    APPROVED = "approved", _("approved")


class DeadlineState(models.TextChoices):
    OK = "ok", _("on time")
    DUE_SOON = "due_soon", _("deadline near")
    OVERDUE = "overdue", _("overdue")
    DONE = "done", _("sent")


class LetterVersion(models.TextChoices):
    PUBLIC = "public", _("public")
    INTERNAL = "internal", _("internal")


class FigureScope(models.TextChoices):
    ALL = "all", _("all organisations")
    OWN = "own", _("own organisation")
