"""Demo letters with written council questions (synthetic council members; the question wording
follows the source document's letter on criminal exploitation)."""

from __future__ import annotations

import datetime
from typing import Any

from zicht.common.demo_context import DemoContext
from zicht.council import services
from zicht.council.constants import QuestionStatus
from zicht.council.deadlines import local_today
from zicht.council.figures import figure_registry
from zicht.council.models import CouncilQuestion
from zicht.council.parsing import extract_introduction, split_questions

LETTER_2022 = """Vandaag, op 30 juni 2022, heeft het Centrum Kinderhandel en Mensenhandel (CKM) een rapport
gepubliceerd waaruit blijkt dat er nog te weinig zicht is op criminele uitbuiting van jonge
slachtoffers.

1.  Is het college bekend met bovengenoemde onderzoek door het CKM?

2.  Hoeveel jonge slachtoffers van criminele uitbuiting zijn er officieel bekend bij de gemeente in de
afgelopen twee jaar?

3.  Heeft het college zicht op de plekken waar deze jongeren worden geronseld?

4.  Op welke manier zijn jongeren-, wijk- en welzijnswerkers betrokken bij het voorkomen van
criminele uitbuiting bij jongeren?
"""
ANSWERS_2022 = {
    1: (
        "Ja, we hebben ook meegewerkt aan dit onderzoek door de online vragenlijsten te verspreiden onder "
        "professionals."
    ),
    3: "Respondenten noemen vooral de straat of openbare hangplek, online of sociale media, en scholen.",
    4: "Professionals worden door de hulpverlening getraind in het herkennen en signaleren van criminele uitbuiting.",
}
LETTER_NOW = """Recent verschenen berichten over jongeren die via sociale media worden geronseld.

1.  Hoeveel meldingen van mogelijke criminele uitbuiting ontving de gemeente dit jaar?

2.  Welke trainingen zijn gegeven aan professionals, en aan welke doelgroepen?

3.  Is het college bereid de preventielessen op scholen uit te breiden, waaronder:
−  lessen in het voortgezet onderwijs
−  lessen in het middelbaar beroepsonderwijs
"""
LETTER_OVERDUE = """1.  Hoe lang wachten jongeren gemiddeld op hulp na een melding?

2.  Wat doet het college om die wachttijd te verkorten?
"""


def _figure(context: DemoContext, *, item, key: str, start: datetime.date, end: datetime.date) -> str:
    """Insert a protected figure when the statistics registry offers it; its placeholder or ''."""
    if key not in figure_registry():
        return ""
    figure = services.answer_figure_insert(
        user=context.users["analyst"], item=item, figure_key=key, period_start=start, period_end=end
    )
    return figure.placeholder


def _register(context: DemoContext, *, text: str, received_on: datetime.date, **kwargs: Any) -> CouncilQuestion:
    return services.council_question_register(
        user=context.users["analyst"],
        received_on=received_on,
        questions=split_questions(text),
        introduction=extract_introduction(text),
        letter_text=text,
        responsible=context.users["analyst"],
        secretary_name="M. Secretaris",
        mayor_name="J. Burgemeester",
        **kwargs,
    )


def populate(context: DemoContext) -> None:
    analyst, coordinator = context.users["analyst"], context.users["coordinator"]
    # 1. The 2022 letter: answered, approved by the coordinator, sent and published.
    letter = _register(
        context,
        text=LETTER_2022,
        received_on=datetime.date(2022, 6, 30),
        council_member="De Graaf",
        council_member_title="mevrouw",
        party="Stadspartij",
        subject="Criminele uitbuiting van jonge slachtoffers",
        reference="RIS312870",
        references="RIS305595",
    )
    for item in letter.items.all():
        answer = ANSWERS_2022.get(item.number, "")
        if item.number == 2:
            placeholder = _figure(
                context,
                item=item,
                key="known_victims_per_year",
                start=datetime.date(2020, 1, 1),
                end=datetime.date(2022, 7, 15),
            )
            item.refresh_from_db()
            answer = (
                "De cijfers van de hulpverlening geven inzicht in het aantal (vermoedelijke) jonge slachtoffers "
                "in onze regio."
            )
            if placeholder:
                answer += f"\n\n{placeholder}"
        services.council_item_save(user=analyst, question=letter, item=item, text=item.text, answer=answer)
    services.council_question_transition(user=analyst, question=letter, target=QuestionStatus.AWAITING_APPROVAL)
    services.council_question_approve(user=coordinator, question=letter, note="Akkoord")
    services.council_question_transition(user=analyst, question=letter, target=QuestionStatus.SENT)
    services.council_question_transition(user=analyst, question=letter, target=QuestionStatus.PUBLISHED)

    # 2. A current letter, four days before its deadline, partly answered.
    today = local_today()
    current = _register(
        context,
        text=LETTER_NOW,
        received_on=today - datetime.timedelta(days=17),
        council_member="Yildiz",
        council_member_title="de heer",
        party="Partij voor Jong en Oud",
        subject="Ronselen via sociale media",
        reference=f"RIS{today.year % 100}0412",
    )
    first = current.items.get(number=2)
    placeholder = _figure(
        context, item=first, key="trainings_by_audience", start=datetime.date(today.year, 1, 1), end=today
    )
    first.refresh_from_db()
    services.council_item_save(
        user=analyst,
        question=current,
        item=first,
        text=first.text,
        answer=f"Dit jaar zijn onder meer de volgende trainingen gegeven.\n\n{placeholder}".strip(),
    )

    # 3. An overdue letter, extended once and still overdue.
    overdue = _register(
        context,
        text=LETTER_OVERDUE,
        received_on=today - datetime.timedelta(days=40),
        council_member="Jansen",
        council_member_title="mevrouw",
        party="Stadspartij",
        subject="Wachttijden in de hulpverlening",
    )
    services.council_question_extend_deadline(
        user=analyst,
        question=overdue,
        new_deadline=overdue.deadline + datetime.timedelta(days=14),
        reason="De cijfers van de ketenpartners zijn later beschikbaar.",
    )
    context.extra["council"] = {"letters": [letter.pk, current.pk, overdue.pk]}
    context.log(
        f"  council: 3 letters ({letter.items.count() + current.items.count() + overdue.items.count()} questions)"
    )
