"""Pure workflow rules of written council questions: the allowed-transition table and guards."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zicht.council.constants import QuestionStatus

S = QuestionStatus
TRANSITIONS: dict[str, frozenset[str]] = {
    S.RECEIVED: frozenset({S.BEING_ANSWERED}),
    S.BEING_ANSWERED: frozenset({S.AWAITING_APPROVAL}),
    # Back to the writer (changes requested), or out of the door once approved.
    S.AWAITING_APPROVAL: frozenset({S.BEING_ANSWERED, S.SENT}),
    S.SENT: frozenset({S.PUBLISHED}),
    S.PUBLISHED: frozenset(),
}


def transition_allowed(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, frozenset())


def transition_blockers(
    *, current: str, target: str, approved: bool, unanswered: int, internal_figures: int, question_count: int
) -> list[str]:
    """Reasons why the letter may not move from ``current`` to ``target`` (empty: allowed)."""
    if not transition_allowed(current, target):
        return [str(_("This step is not possible from the current status."))]
    reasons: list[str] = []
    if target == S.AWAITING_APPROVAL:
        if question_count == 0:
            reasons.append(str(_("The letter has no questions.")))
        if unanswered:
            reasons.append(str(_("Not every question has an answer yet.")))
    if target == S.SENT and not approved:
        reasons.append(str(_("A coordinator has to approve the answers first.")))
    if target in (S.SENT, S.PUBLISHED) and internal_figures:
        reasons.append(
            str(_("The answers contain internal (unprotected) figures; replace them by protected figures first."))
        )
    return reasons


def signature_blockers(signatories: list[tuple[str, str]]) -> list[str]:
    """The letter names every signatory with title and name before it can be approved or sent."""
    if all(title.strip() and name.strip() for title, name in signatories) and signatories:
        return []
    return [
        str(_("Fill in the names and titles of the signatories (secretary and mayor) before the letter is approved."))
    ]


def approval_blockers(
    *,
    status: str,
    approver_id: int,
    submitted_by_id: int | None,
    already_approved: bool,
    signatories: list[tuple[str, str]] | None = None,
) -> list[str]:
    """Four eyes: the coordinator who approves is not the person who submitted for approval; and
    the letter says who signs it (``signatories``: (title, name) pairs; None skips that check)."""
    reasons: list[str] = []
    if status != S.AWAITING_APPROVAL:
        reasons.append(str(_("Only answers awaiting approval can be approved.")))
    if already_approved:
        reasons.append(str(_("These answers have already been approved.")))
    if submitted_by_id is not None and approver_id == submitted_by_id:
        reasons.append(str(_("Someone other than the person who submitted the answers has to approve them.")))
    if signatories is not None:
        reasons += signature_blockers(signatories)
    return reasons
