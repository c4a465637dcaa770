"""Demo organisations and one user per role, for the local demo only."""

from __future__ import annotations

import secrets

from zicht.accounts.constants import OrganizationKind
from zicht.accounts.models import Organization, User
from zicht.accounts.services import organization_create, user_create_with_membership
from zicht.common.roles import Role

MUNICIPALITY = "Den Haag"

# key -> (name, kind, phone, e-mail)
ORGANIZATIONS: dict[str, tuple[str, str, str, str]] = {
    "shop": ("SHOP Jeugd", OrganizationKind.SUPPORT, "070 000 0001", "jeugd@shop.example"),
    "cjg": ("Centrum voor Jeugd en Gezin Den Haag", OrganizationKind.CJG, "070 000 0002", "cjg@denhaag.example"),
    "police": ("Politie eenheid Den Haag (AVIM)", OrganizationKind.POLICE, "070 000 0003", "avim@politie.example"),
    "school": ("Haags Montessori Lyceum", OrganizationKind.SCHOOL, "070 000 0004", "zorg@hml.example"),
    "youth_work": ("Jongerenwerk Den Haag", OrganizationKind.YOUTH_WORK, "070 000 0005", "info@jongerenwerk.example"),
    "veilig_thuis": ("Veilig Thuis Haaglanden", OrganizationKind.VEILIG_THUIS, "0800 2000", "info@vth.example"),
    "municipality": ("Gemeente Den Haag", OrganizationKind.MUNICIPALITY, "14 070", "zicht@denhaag.example"),
    "other": ("Stichting Sterk Huis", OrganizationKind.OTHER, "070 000 0008", "info@sterkhuis.example"),
    "fier": ("Fier", OrganizationKind.SUPPORT, "058 000 0009", "info@fier.example"),
}

# key -> (username, first name, last name, organisation key, role)
USERS: dict[str, tuple[str, str, str, str, str]] = {
    "reporter": ("docent", "Sanne", "de Vries", "school", Role.REPORTER),
    "support_worker": ("hulpverlener", "Mehmet", "Yilmaz", "shop", Role.SUPPORT_WORKER),
    "coordinator": ("coordinator", "Ingrid", "Bakker", "shop", Role.COORDINATOR),
    "partner": ("cjg", "Fatima", "El Amrani", "cjg", Role.PARTNER),
    "analyst": ("analist", "Pieter", "van den Berg", "municipality", Role.ANALYST),
    "admin": ("beheerder", "Anouk", "Jansen", "municipality", Role.ADMIN),
    "youth_worker": ("jongerenwerker", "Kevin", "Martina", "youth_work", Role.REPORTER),
    "police_partner": ("politie", "Rob", "Visser", "police", Role.PARTNER),
    "fier_worker": ("fier", "Lotte", "Hoekstra", "fier", Role.SUPPORT_WORKER),
}


def create_organizations() -> dict[str, Organization]:
    return {
        key: organization_create(name=name, kind=kind, municipality=MUNICIPALITY, phone=phone, email=email)
        for key, (name, kind, phone, email) in ORGANIZATIONS.items()
    }


def create_users(organizations: dict[str, Organization]) -> tuple[dict[str, User], dict[str, str]]:
    users: dict[str, User] = {}
    passwords: dict[str, str] = {}
    for key, (username, first, last, org_key, role) in USERS.items():
        password = secrets.token_urlsafe(9)
        org = organizations[org_key]
        users[key] = user_create_with_membership(
            username=username,
            password=password,
            organization=org,
            role=role,
            first_name=first,
            last_name=last,
            email=f"{username}@{org.email.split('@')[1]}",
            phone=org.phone,
            is_demo=True,
        )
        passwords[username] = password
    return users, passwords
