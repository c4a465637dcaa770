"""Split a pasted council letter into its numbered questions (pure functions, no Django).

The letters arrive as text copied from PDF or Word. Two shapes are handled:

* the council member's letter: an introduction, then ``1.  Is het college ...`` items, each
  possibly wrapped over several lines and possibly ending in a bullet list (``−``, ``-``, ``•``);
* the answered letter of the college: the same items with the answers interleaved. Only the
  questions are taken: a question ends at the first blank line, or at a line that ends with a
  question mark (unless a bullet list follows), or when its bullet list ends.

Text extracted from PDF is often "double spaced" (an empty line after every line, and a
paragraph break as three empty lines). That is detected and folded back first, so that a blank
line means a paragraph break again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

QUESTION_START = re.compile(r"^\s*(\d{1,3})\s*[.)]\s+(\S.*)$")
BULLET = re.compile(r"^\s*[−–\-•·*▪◦]\s*(\S.*)$")
MAX_NUMBER = 999
# Paragraphs of the college's opening that are not the council member's introduction.
OPENING_PREFIXES = ("het raadslid", "overeenkomstig artikel")


@dataclass(frozen=True)
class ParsedQuestion:
    number: int
    text: str


def _is_blank(line: str) -> bool:
    return not line.strip()


def _is_double_spaced(lines: list[str]) -> bool:
    """True when (almost) every text line is followed by a blank line, as in PDF extracts."""
    gaps: list[int] = []
    run = None
    for line in lines:
        if _is_blank(line):
            if run is not None:
                run += 1
        else:
            if run is not None:
                gaps.append(run)
            run = 0
    if len(gaps) < 4:
        return False
    adjacent = sum(1 for gap in gaps if gap == 0)
    return adjacent / len(gaps) < 0.2 and sum(1 for gap in gaps if gap == 1) / len(gaps) > 0.5


def normalise_lines(text: str) -> list[str]:
    """Lines without trailing space; PDF double spacing folded (a run of n blank lines → n // 2)."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n")]
    if not _is_double_spaced(lines):
        return lines
    folded: list[str] = []
    blanks = 0
    for line in lines:
        if _is_blank(line):
            blanks += 1
            continue
        folded.extend([""] * (blanks // 2))
        blanks = 0
        folded.append(line)
    return folded


def _clean(line: str) -> str:
    return " ".join(line.split())


def _question_start(line: str, expected: int | None) -> tuple[int, str] | None:
    match = QUESTION_START.match(line)
    if not match:
        return None
    number = int(match.group(1))
    if expected is None:
        if not 1 <= number <= MAX_NUMBER:
            return None
    elif number != expected:
        return None
    return number, match.group(2)


def _collect_question(lines: list[str], start: int, first: str, next_number: int) -> tuple[str, int]:
    """The question text starting at ``lines[start]``, and the index of the first line after it."""
    parts: list[str] = [_clean(first)]
    bullets: list[str] = []
    index = start + 1
    if not first.rstrip().endswith("?") or (index < len(lines) and BULLET.match(lines[index])):
        while index < len(lines):
            line = lines[index]
            if _is_blank(line) or _question_start(line, next_number):
                break
            bullet = BULLET.match(line)
            if bullet:
                bullets.append(_clean(bullet.group(1)))
            elif bullets:
                if line[:1].isspace():
                    bullets[-1] = f"{bullets[-1]} {_clean(line)}"
                else:
                    break  # the bullet list is over: what follows is the answer
            else:
                parts.append(_clean(line))
                if line.endswith("?") and not (index + 1 < len(lines) and BULLET.match(lines[index + 1])):
                    index += 1
                    break
            index += 1
    text = " ".join(part for part in parts if part)
    if bullets:
        text = "\n".join([text, *(f"− {item}" for item in bullets)])
    return text, index


def split_questions(text: str) -> list[ParsedQuestion]:
    """The numbered questions of a pasted letter, in order; answers and other text are skipped.

    Numbering must be consecutive: after question n only a line starting with n + 1 opens the
    next question (so a year such as ``2020.`` or a numbered list inside an answer is ignored
    unless it happens to carry exactly the next number).
    """
    lines = normalise_lines(text or "")
    questions: list[ParsedQuestion] = []
    expected: int | None = None
    index = 0
    while index < len(lines):
        start = _question_start(lines[index], expected)
        if start is None:
            index += 1
            continue
        number, first = start
        question_text, index = _collect_question(lines, index, first, number + 1)
        questions.append(ParsedQuestion(number, question_text))
        expected = number + 1
    return questions


def extract_introduction(text: str) -> str:
    """The paragraphs before the first question, without the college's standard opening."""
    lines = normalise_lines(text or "")
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if _question_start(line, None):
            break
        if _is_blank(line):
            if current:
                paragraphs.append(" ".join(current))
                current = []
        else:
            current.append(_clean(line))
    else:
        # No question at all: there is no introduction to separate from the questions.
        return ""
    if current:
        paragraphs.append(" ".join(current))
    kept = [p for p in paragraphs if not p.lower().startswith(OPENING_PREFIXES)]
    return "\n\n".join(kept)
