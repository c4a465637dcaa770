"""The letter parser against the source document and against generated letters."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zicht.council.parsing import extract_introduction, normalise_lines, split_questions
from zicht.council.tests.factories import require_shared, seed_letter_path

Q4 = (
    "Hoeveel jonge slachtoffers van criminele uitbuiting zijn er officieel bekend bij de gemeente in de afgelopen "
    "twee jaar?"
)
Q13_BULLETS = [
    "Bevordering van expertise onder professionals",
    "Opstellen van een handelingskader",
    "Trainingen en werkafspraken met politie en trainingen voor andere relevante partijen",
    "Online communicatiecampagne samen met FIER",
    "Verbetering van signalering en deling van mogelijk slachtofferschap",
    "Preventielessen op onderwijsinstellingen",
]

# A council member's letter as sent (questions only, single spaced, hard-wrapped), with the
# wording of the source document's questions 1, 5 and 13.
QUESTIONS_ONLY = """Vandaag, op 30 juni 2022, heeft het Centrum Kinderhandel en Mensenhandel (CKM) een rapport
gepubliceerd waaruit blijkt dat er nog te weinig zicht is op criminele uitbuiting.

1.  Is het college bekend met bovengenoemde onderzoek door het CKM?
2.  Heeft het college zicht op de daadwerkelijke jonge slachtoffers van criminele uitbuiting in Den
    Haag? Zo ja, om hoeveel jongeren gaat het? Zo nee, waarom niet? En is het college bereid om
    dit verder te onderzoeken?

3.  Is het college bereid nader onderzoek te doen naar het fenomeen van criminele uitbuiting in Den
Haag en, in ieder geval, in navolging van Rotterdam aanvullende maatregelen te treffen
waaronder:
- Bevordering van expertise onder professionals
- Opstellen van een handelingskader
"""


@pytest.fixture(scope="module")
def seed_text() -> str:
    path = seed_letter_path()
    require_shared(path)
    return path.read_text(encoding="utf-8")


def test_source_document_yields_thirteen_numbered_questions(seed_text: str) -> None:
    questions = split_questions(seed_text)
    assert [q.number for q in questions] == list(range(1, 14))
    assert questions[0].text == "Is het college bekend met bovengenoemde onderzoek door het CKM?"
    assert questions[3].text == Q4
    assert questions[9].text == "Welke hulp is er voor deze specifieke groep?"
    assert questions[11].text == (
        "Is het college bekend met dit onderzoek in Rotterdam en de aanpak die de Gemeente Rotterdam is gestart?"
    )


def test_answers_are_left_out(seed_text: str) -> None:
    texts = " ".join(q.text for q in split_questions(seed_text))
    assert "Ja, we hebben ook meegewerkt" not in texts
    assert "SHOP" not in texts  # every answer mentions SHOP; no question does
    assert "Ilma" not in texts and "college van burgemeester" not in texts


def test_multi_sentence_question_spans_its_lines(seed_text: str) -> None:
    q5 = split_questions(seed_text)[4].text
    assert q5.startswith(
        "Heeft het college zicht op de daadwerkelijke jonge slachtoffers van criminele uitbuiting in Den Haag?"
    )
    assert q5.endswith("En is het college bereid om dit verder te onderzoeken?")


def test_question_13_keeps_its_six_bullets(seed_text: str) -> None:
    q13 = split_questions(seed_text)[12].text
    lines = q13.split("\n")
    assert lines[0].endswith("aanvullende maatregelen te treffen waaronder:")
    assert lines[1:] == [f"− {item}" for item in Q13_BULLETS]
    assert "In Den Haag wordt reeds" not in q13


def test_introduction_skips_the_colleges_opening(seed_text: str) -> None:
    intro = extract_introduction(seed_text)
    assert intro.startswith("Vandaag, op 30 juni 2022, heeft het Centrum Kinderhandel en Mensenhandel (CKM)")
    assert intro.endswith("68 Nederlandse slachtoffers bekend.")
    assert "artikel 30" not in intro


def test_questions_only_letter() -> None:
    questions = split_questions(QUESTIONS_ONLY)
    assert [q.number for q in questions] == [1, 2, 3]
    assert questions[1].text.endswith("En is het college bereid om dit verder te onderzoeken?")
    assert questions[2].text.split("\n")[1:] == [
        "− Bevordering van expertise onder professionals",
        "− Opstellen van een handelingskader",
    ]
    assert extract_introduction(QUESTIONS_ONLY).startswith("Vandaag, op 30 juni 2022")


def test_answer_right_after_the_question_mark_line_is_not_part_of_the_question() -> None:
    text = (
        "1. Is het college bekend met het\nonderzoek?\nJa, het college is daarmee bekend.\n"
        "2. Wat gaat het college doen?\nNiets."
    )
    assert [(q.number, q.text) for q in split_questions(text)] == [
        (1, "Is het college bekend met het onderzoek?"),
        (2, "Wat gaat het college doen?"),
    ]


def test_numbers_in_answers_do_not_open_questions() -> None:
    text = "1. Hoeveel?\n\nIn\n2020. waren het er zes.\n3. Dit is een lijstje in het antwoord.\n\n2. En nu?\n"
    questions = split_questions(text)
    assert [(q.number, q.text) for q in questions] == [(1, "Hoeveel?"), (2, "En nu?")]


def test_double_spacing_is_folded() -> None:
    assert normalise_lines("a\n\nb\n\n \n\nc\n\nd\n\ne\n\nf") == ["a", "b", "", "c", "d", "e", "f"]
    assert normalise_lines("a\nb\n\nc") == ["a", "b", "", "c"]


def test_nothing_to_split() -> None:
    assert split_questions("") == []
    assert split_questions("Geachte voorzitter,\n\nGeen vragen.") == []
    assert extract_introduction("Geen vragen hier.") == ""


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=2000))
def test_parser_never_crashes_and_numbers_are_consecutive(text: str) -> None:
    questions = split_questions(text)
    numbers = [q.number for q in questions]
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers))) if numbers else True
    assert all(q.text.strip() for q in questions)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="13.\n -−?ab \t", max_size=300))
def test_parser_on_question_like_noise(text: str) -> None:
    numbers = [q.number for q in split_questions(text)]
    assert all(b == a + 1 for a, b in zip(numbers, numbers[1:], strict=False))


WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzé", min_size=1, max_size=10)
SENTENCE = st.lists(WORDS, min_size=1, max_size=12).map(" ".join)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(SENTENCE, min_size=1, max_size=15),
    st.lists(SENTENCE, min_size=15, max_size=15),
    st.booleans(),
    st.booleans(),
)
def test_generated_answered_letters_round_trip(
    questions: list[str], answers: list[str], double: bool, blank: bool
) -> None:
    """Questions ending in '?' with interleaved answers come back exactly, in any layout."""
    parts = ["Inleiding van de brief."]
    for number, (question, answer) in enumerate(zip(questions, answers, strict=False), start=1):
        parts.append(f"{number}.  {question.capitalize()}?")
        parts.append(f"Antwoord: {answer}.")
    separator = "\n\n" if blank else "\n"
    text = separator.join(parts)
    if double:
        text = "\n\n".join(text.split("\n"))
    parsed = split_questions(text)
    assert [(q.number, q.text) for q in parsed] == [
        (n, " ".join(q.capitalize().split()) + "?") for n, q in enumerate(questions, start=1)
    ]
