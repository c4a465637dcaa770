"""Partner API routes of the involvement index (mounted in config/api.py)."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import ConfigDict

from zicht.api.framework import ApiRequest, IdempotencyKey
from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.services import access_log_record
from zicht.matching import selectors, services
from zicht.matching.constants import Channel
from zicht.matching.models import Involvement, MatchNotice

router = Router(tags=["involvements"])


class InvolvementIn(Schema):
    """Identifiers are turned into keys on arrival and never stored. Give a BSN, or given names, family name and
    date of birth."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"bsn": "111222333"},
                {"given_names": "Sam", "prefix": "de", "family_name": "Vries", "date_of_birth": "2009-04-17"},
            ]
        }
    )

    bsn: str = Field("", max_length=11, description="Citizen service number (nine digits).")
    given_names: str = Field("", max_length=200)
    prefix: str = Field("", max_length=30, description="Surname prefix (tussenvoegsel), e.g. 'van der'.")
    family_name: str = Field("", max_length=200)
    date_of_birth: dt.date | None = None


class InvolvementOut(Schema):
    id: int
    registered_at: dt.datetime
    expires_at: dt.datetime
    withdrawn_at: dt.datetime | None = None
    matches: int = Field(0, description="Matches found at registration (notices were sent to both sides).")


class NoticeOut(Schema):
    id: int
    created_at: dt.datetime
    involvement_id: int = Field(description="Your registration this notice is about.")
    basis: str = Field(description="'bsn' or 'probable' (please verify).")
    description: str
    organization: str
    contact_name: str
    phone: str
    email: str


def _out(involvement: Involvement, matches: int = 0) -> InvolvementOut:
    return InvolvementOut(
        id=involvement.pk,
        registered_at=involvement.registered_at,
        expires_at=involvement.expires_at,
        withdrawn_at=involvement.withdrawn_at,
        matches=matches,
    )


@router.post(
    "/involvements",
    response={201: InvolvementOut},
    summary="Register involvement with a young person",
    operation_id="involvement_register",
)
def register(request: ApiRequest, payload: InvolvementIn, idempotency_key: str = IdempotencyKey) -> Status:
    identity = services.Identity(
        bsn=payload.bsn,
        given_names=payload.given_names,
        prefix=payload.prefix,
        family_name=payload.family_name,
        date_of_birth=payload.date_of_birth,
    )
    try:
        result = services.involvement_register(
            organization=request.auth.organization,
            contact=None,
            identity=identity,
            actor=request.auth,
            channel=Channel.API,
        )
    except services.IdentityError as exc:
        raise HttpError(422, str(exc)) from None
    return Status(201, _out(result.involvement, len(result.matches)))


@router.post(
    "/involvements/{involvement_id}/withdraw",
    response=InvolvementOut,
    summary="Withdraw a registration",
    operation_id="involvement_withdraw",
)
def withdraw(request: ApiRequest, involvement_id: int, idempotency_key: str = IdempotencyKey) -> InvolvementOut:
    involvement = (
        selectors.involvement_list_for_organization(organization=request.auth.organization)
        .filter(pk=involvement_id)
        .first()
    )
    if involvement is None:
        raise HttpError(404, "No such registration, or not yours.")
    return _out(services.involvement_withdraw(involvement=involvement, actor=request.auth))


@router.get(
    "/notices", response=list[NoticeOut], summary="Match notices for your organisation", operation_id="notice_list"
)
def notices(request: ApiRequest) -> list[NoticeOut]:
    shown = list(selectors.notice_list_for_organization(organization=request.auth.organization)[:500])
    access_log_record(
        user=request.auth,
        action=AccessAction.LIST,
        purpose=Purpose.COORDINATION,
        object_type=MatchNotice._meta.label_lower,
        ids=[notice.pk for notice in shown],
    )
    out = []
    for notice in shown:
        contact = services.contact_details(notice.counterpart)
        out.append(
            NoticeOut(
                id=notice.pk,
                created_at=notice.created_at,
                involvement_id=notice.involvement_id,
                basis=notice.match.basis,
                description=services.match_description(notice.match),
                organization=contact["organization"],
                contact_name=contact["name"],
                phone=contact["phone"],
                email=contact["email"],
            )
        )
    return out
