from zicht.common.roles import Role
from zicht.common.testing import UrlCase

CASE_ROLES = frozenset({Role.SUPPORT_WORKER, Role.COORDINATOR})
COORDINATOR = frozenset({Role.COORDINATOR})
REFERRAL_ROLES = CASE_ROLES | {Role.PARTNER}
PARTNER = frozenset({Role.PARTNER})


def _case(personas):
    from zicht.cases.tests.factories import make_case

    return make_case(user=personas[Role.SUPPORT_WORKER], age=16)


def _case_kwargs(personas, role) -> dict:
    return {"case_id": _case(personas).pk}


def _consent_kwargs(personas, role) -> dict:
    from zicht.cases.referral_services import consent_record

    case = _case(personas)
    partner_org = personas[Role.PARTNER].organization
    consent = consent_record(
        case=case,
        user=personas[Role.SUPPORT_WORKER],
        recipient=partner_org,
        purpose="youth_care_coordination",
        given_by_text="jongere",
    )
    return {"case_id": case.pk, "consent_id": consent.pk}


def _referral_kwargs(personas, role, *, accepted: bool = False) -> dict:
    from zicht.cases.referral_services import referral_respond
    from zicht.cases.tests.factories import make_referral

    referral = make_referral(
        case=_case(personas), user=personas[Role.SUPPORT_WORKER], to_organization=personas[Role.PARTNER].organization
    )
    if accepted:
        referral_respond(referral=referral, user=personas[Role.PARTNER], accept=True)
    return {"referral_id": referral.pk}


def _concern_kwargs(personas, role) -> dict:
    from zicht.concerns.tests.factories import concern_make

    concern = concern_make(
        handling_organization=personas[Role.SUPPORT_WORKER].organization,
        reporter=personas[Role.REPORTER],
        status="in_triage",
    )
    return {"concern_id": concern.pk}


URLS = [
    UrlCase("cases:list", CASE_ROLES),
    UrlCase("cases:export", COORDINATOR),
    UrlCase("cases:create", CASE_ROLES),
    UrlCase("cases:create_from_concern", CASE_ROLES, kwargs_factory=_concern_kwargs),
    UrlCase("cases:detail", CASE_ROLES, kwargs_factory=_case_kwargs),
    UrlCase("cases:add_note", CASE_ROLES, kwargs_factory=_case_kwargs),
    UrlCase("cases:add_support_action", CASE_ROLES, kwargs_factory=_case_kwargs),
    UrlCase("cases:record_consent", CASE_ROLES, kwargs_factory=_case_kwargs),
    UrlCase("cases:withdraw_consent", CASE_ROLES, kwargs_factory=_consent_kwargs),
    UrlCase("cases:create_referral", CASE_ROLES, kwargs_factory=_case_kwargs),
    UrlCase("cases:transition", CASE_ROLES, kwargs_factory=_case_kwargs),
    UrlCase("cases:set_victim_status", CASE_ROLES, kwargs_factory=_case_kwargs),
    UrlCase("cases:set_exploitation", CASE_ROLES, kwargs_factory=_case_kwargs),
    UrlCase("cases:transition_step", CASE_ROLES, kwargs_factory=_case_kwargs),
    UrlCase("cases:assign_lead", COORDINATOR, kwargs_factory=_case_kwargs),
    UrlCase("cases:close", COORDINATOR, kwargs_factory=_case_kwargs),
    UrlCase("cases:referral_list", REFERRAL_ROLES),
    UrlCase("cases:referral_detail", REFERRAL_ROLES, kwargs_factory=_referral_kwargs),
    UrlCase("cases:referral_respond", PARTNER, kwargs_factory=_referral_kwargs),
    UrlCase(
        "cases:referral_done",
        PARTNER,
        kwargs_factory=lambda personas, role: _referral_kwargs(personas, role, accepted=True),
    ),
]
