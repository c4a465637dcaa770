"""Version 1 of the handelingskader: the steps of the reporting code (meldcode) adapted to criminal
exploitation, the support organisation's triage route, and the standing agreements with the police.

The text is data: the functional administrator makes the next version in the admin (a copy of this
one), and publishing it never changes the routes already taken.
"""

from django.db import migrations
from django.utils import timezone

INTRODUCTION = (
    "Dit handelingskader helpt professionals die een signaal hebben van mogelijke criminele uitbuiting "
    "van een jongere. Het volgt de stappen van de meldcode, aangepast aan uitbuiting. Bij acuut gevaar: "
    "bel altijd direct 112."
)

POLICE_AGREEMENTS = """\
1. Bij acuut gevaar voor de jongere of voor anderen belt iedere professional direct 112.
2. De politie (AVIM of jeugdagent) meldt een jongere die zij als mogelijk slachtoffer van uitbuiting ziet binnen twee werkdagen bij de steunorganisatie.
3. Ziet de steunorganisatie strafbare feiten tegen de jongere (ronselen, dwang, bedreiging), dan informeert zij binnen één werkdag het AVIM; de politie laat weten of zij een onderzoek start.
4. Aangifte: de steunorganisatie bespreekt met de jongere (en ouders) de mogelijkheid van aangifte; de politie plant een gesprek met een rechercheur die getraind is in het horen van slachtoffers.
5. Een jongere die als verdachte in beeld is en signalen van uitbuiting laat zien, wordt door de politie besproken met de steunorganisatie, zodat hulp en strafrecht op elkaar aansluiten.
6. Bij een casusoverleg met politie-informatie neemt de politie deel; wie wat doet, wordt als actie met eigenaar en datum vastgelegd."""

# (code, title, guidance, contact kinds, norm amount, norm unit, questions, decisions)
PROFESSIONAL = [
    (
        "map_signals",
        "Breng de signalen in kaart",
        "Loop de signalenlijst door en noteer wat je zelf zag of hoorde: feiten, geen vermoedens. "
        "Denk aan onverklaarbaar geld of dure spullen, nieuwe oudere vrienden, verzuim, schulden, "
        "angst of verwondingen. Je vult de signalen later in op het meldingsformulier.",
        [],
        1,
        "days",
        [("signals_seen", "Zie je een of meer signalen uit de signalenlijst?")],
        [],
    ),
    (
        "consult",
        "Overleg met een collega en vraag advies aan de steunorganisatie",
        "Bespreek de signalen met een collega of de aandachtsfunctionaris van je organisatie. Vraag advies "
        "aan de steunorganisatie: dat kan anoniem, zonder de naam van de jongere (kies op het "
        "meldingsformulier voor ‘advies vragen’).",
        ["support"],
        3,
        "days",
        [
            ("colleague_consulted", "Heb je met een collega of aandachtsfunctionaris overlegd?"),
            ("advice_asked", "Heb je advies gevraagd aan de steunorganisatie?"),
        ],
        [],
    ),
    (
        "conversation",
        "Praat met de jongere en/of de ouders, als dat veilig kan",
        "Bespreek je zorgen met de jongere en, waar dat past, met de ouders. Doe dit niet als een gesprek "
        "de jongere of jezelf in gevaar brengt, bijvoorbeeld omdat de uitbuiter of een gezinslid "
        "betrokken is. Leg uit wat je gaat doen.",
        [],
        5,
        "days",
        [
            ("conversation_safe", "Kan een gesprek veilig plaatsvinden?"),
            ("conversation_held", "Heb je het gesprek gevoerd?"),
        ],
        [],
    ),
    (
        "weigh",
        "Weeg de signalen",
        "Weeg op basis van de signalen, het advies en het gesprek of er sprake is van (een vermoeden van) "
        "uitbuiting en wat de jongere nodig heeft.",
        ["support"],
        7,
        "days",
        [
            ("acute_unsafety", "Is er sprake van acute onveiligheid?"),
            ("structural_unsafety", "Is er sprake van structurele onveiligheid?"),
            ("adequate_help", "Kun je zelf passende hulp bieden of organiseren?"),
        ],
        [],
    ),
    (
        "decide",
        "Beslis: melden of hulp organiseren",
        "Is er acute of structurele onveiligheid, of kun je zelf geen passende hulp bieden of organiseren, "
        "meld dan bij de steunorganisatie. Is er huiselijk geweld of kindermishandeling in het spel, meld "
        "bij Veilig Thuis; gaat het om een strafbaar feit, dan bij de politie (zie de werkafspraken). "
        "Kun je zelf passende hulp organiseren, doe dat en volg of de zorgen afnemen.",
        ["support", "veilig_thuis", "police"],
        10,
        "days",
        [],
        [
            ("report_support", "Melden bij de steunorganisatie", True),
            ("report_veilig_thuis", "Melden bij Veilig Thuis", False),
            ("report_police", "Melden bij de politie", False),
            ("organise_help", "Hulp organiseren en de effecten volgen", False),
        ],
    ),
]

TRIAGE = [
    (
        "first_contact",
        "Eerste contact met de melder",
        "Neem contact op met de melder; bij acute urgentie dezelfde dag.",
        [],
        3,
        "days",
        [],
        [],
    ),
    (
        "safety_check",
        "Veiligheidscheck",
        "Schat in of de jongere (of iemand in het gezin) acuut of structureel onveilig is. Bij acuut "
        "gevaar: schakel direct de politie of Veilig Thuis in.",
        ["veilig_thuis", "police"],
        5,
        "days",
        [
            ("acute_unsafety", "Is de jongere acuut onveilig?"),
            ("structural_unsafety", "Is er sprake van structurele onveiligheid?"),
        ],
        [],
    ),
    (
        "decision",
        "Besluit over de melding",
        "Besluit of je advies geeft, doorverwijst naar een partner, een casus opent of de melding afsluit.",
        ["cjg", "veilig_thuis", "police"],
        10,
        "days",
        [],
        [
            ("advice_given", "Advies gegeven", False),
            ("forwarded", "Doorverwezen naar een partner", False),
            ("case_opened", "Casus geopend", False),
            ("closed", "Afgesloten zonder vervolg", False),
        ],
    ),
]


def load_version_1(apps, schema_editor) -> None:
    Version = apps.get_model("framework", "FrameworkVersion")
    Step = apps.get_model("framework", "FrameworkStep")
    Question = apps.get_model("framework", "FrameworkQuestion")
    Decision = apps.get_model("framework", "FrameworkDecision")
    if Version.objects.filter(number=1).exists():
        return
    version = Version.objects.create(
        number=1,
        title="Handelingskader criminele uitbuiting",
        introduction=INTRODUCTION,
        police_agreements=POLICE_AGREEMENTS,
        published_at=timezone.now(),
    )
    for kind, steps in (("professional", PROFESSIONAL), ("triage", TRIAGE)):
        for order, (code, title, guidance, contacts, amount, unit, questions, decisions) in enumerate(steps, 1):
            step = Step.objects.create(
                version=version,
                route_kind=kind,
                order=order,
                code=code,
                title=title,
                guidance=guidance,
                contact_kinds=contacts,
                norm_amount=amount,
                norm_unit=unit,
            )
            for q_order, (q_code, text) in enumerate(questions, 1):
                Question.objects.create(step=step, order=q_order, code=q_code, text=text)
            for d_order, (d_code, label, files_concern) in enumerate(decisions, 1):
                Decision.objects.create(
                    step=step, order=d_order, code=d_code, label=label, files_concern=files_concern
                )


class Migration(migrations.Migration):
    dependencies = [("framework", "0001_initial")]
    operations = [migrations.RunPython(load_version_1, migrations.RunPython.noop)]
