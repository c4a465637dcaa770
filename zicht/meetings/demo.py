"""Demo case meetings: two meetings on SHOP cases with the CJG and the police, actions in every state."""

from __future__ import annotations

import datetime

from django.utils import timezone

from zicht.cases import referral_services
from zicht.cases.constants import CaseStatus, LegalBasis, ReferralPurpose
from zicht.cases.models import Case
from zicht.common.demo_context import DemoContext
from zicht.meetings import services
from zicht.meetings.constants import ActionStatus, MeetingForm


def populate(context: DemoContext) -> None:
    coordinator, worker = context.users["coordinator"], context.users["support_worker"]
    cjg, police = context.organizations["cjg"], context.organizations["police"]
    cases = list(
        Case.objects.filter(pk__in=context.extra.get("cases", []), organization=coordinator.organization)
        .exclude(status=CaseStatus.CLOSED)
        .order_by("-opened_at")[:2]
    )
    if not cases:
        context.log("  no open case for a meeting")
        return
    now, today = timezone.now(), timezone.localdate()
    first = cases[0]
    meeting = services.meeting_plan(
        case=first,
        user=coordinator,
        starts_at=now - datetime.timedelta(days=10),
        form=MeetingForm.IN_PERSON,
        place="Stadhuis, Spui 70, zaal 3.12",
        agenda="1. Veiligheid thuis en op straat\n2. School en dagbesteding\n3. Werkafspraken",
    )
    consent = referral_services.consent_record(
        case=first, user=worker, recipient=cjg, purpose=ReferralPurpose.CASE_MEETING, given_by_text="jongere en moeder"
    )
    services.meeting_invite(
        meeting=meeting, user=coordinator, organization=cjg, legal_basis=LegalBasis.CONSENT, consent=consent
    )
    services.meeting_invite(meeting=meeting, user=coordinator, organization=police, legal_basis=LegalBasis.PUBLIC_TASK)
    services.meeting_summary_record(
        meeting=meeting,
        user=coordinator,
        summary="De jongere gaat weer naar school. CJG en wijkagent houden contact; het gezin krijgt steun.",
    )
    plan = [
        (cjg, "Fatima El Amrani", "Gezinsgesprek plannen met moeder", -3, ""),
        (cjg, "Fatima El Amrani", "Aanmelding jeugdhulp doen", 20, ""),
        (police, "Rob Visser", "Contact met school over de hangplek", 4, "Werkafspraken politie, signaal op straat"),
        (coordinator.organization, "Mehmet Yilmaz", "Veiligheidsplan bespreken met de jongere", 2, ""),
    ]
    actions = []
    for owner, person, description, days, reference in plan:
        actions.append(
            services.action_agree(
                meeting=meeting,
                user=coordinator,
                owner_organization=owner,
                owner_person=person,
                description=description,
                due_on=today + datetime.timedelta(days=days),
                framework_reference=reference,
            )
        )
    services.action_status_update(
        action=actions[1], user=context.users["partner"], to_status=ActionStatus.DONE, outcome="Aanmelding gedaan"
    )
    if len(cases) > 1:
        later = services.meeting_plan(
            case=cases[1],
            user=coordinator,
            starts_at=now + datetime.timedelta(days=5),
            form=MeetingForm.ONLINE,
            place="Online (link volgt per e-mail)",
            agenda="Kennismaking en afspraken over wie wat doet",
        )
        services.meeting_invite(meeting=later, user=coordinator, organization=cjg, legal_basis=LegalBasis.PUBLIC_TASK)
    context.log(f"  {min(len(cases), 2)} case meetings")
