from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from zicht.accounts.constants import OrganizationKind
from zicht.accounts.models import Organization, User
from zicht.accounts.services import (
    SERVER_OPERATOR,
    enrolment_invitation_issue,
    organization_create,
    user_authenticator_reset,
    user_create_invited,
)
from zicht.common.roles import Role


class Command(BaseCommand):
    help = (
        "For the server's operator: create an account (for example the first administrator) and e-mail it an "
        "enrolment invitation, or with --reset remove an existing account's authenticator and invite it again. "
        "Written to the access log like the administrators' own actions."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--email", help="address of a new account")
        parser.add_argument(
            "--organization", help="name of the organisation of a new account (created if missing, with --kind)"
        )
        parser.add_argument("--kind", choices=OrganizationKind.values, default=OrganizationKind.MUNICIPALITY)
        parser.add_argument("--role", choices=Role.values, default=Role.ADMIN)
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument(
            "--reset", action="store_true", help="existing account: reset its authenticator, then invite"
        )
        parser.add_argument(
            "--base-url", required=True, help="the site's address for the link, e.g. https://zicht.denhaag.nl"
        )

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is not None:
            if not options["reset"]:
                raise CommandError("This account exists: use --reset to invite it again after a lost device.")
            user_authenticator_reset(actor=SERVER_OPERATOR, user=user)
            enrolment_invitation_issue(actor=SERVER_OPERATOR, user=user, base_url=options["base_url"])
        else:
            if not options["email"] or not options["organization"]:
                raise CommandError("A new account needs --email and --organization.")
            organization = Organization.objects.filter(name=options["organization"]).first() or organization_create(
                name=options["organization"],
                kind=options["kind"],
                municipality=options["organization"],
            )
            user = user_create_invited(
                actor=SERVER_OPERATOR,
                username=options["username"],
                email=options["email"],
                organization=organization,
                role=options["role"],
                first_name=options["first_name"],
                last_name=options["last_name"],
                base_url=options["base_url"],
            )
        self.stdout.write(f"Enrolment invitation sent to {user.email}.")
