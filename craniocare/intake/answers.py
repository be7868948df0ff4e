"""What an answer may be, per question type, as stored in ``IntakeSubmission.answers`` (JSON):
text -> str, yes/no -> "yes"/"no", choice -> one of the choices, multi-choice -> a list of
them, scale -> an int 0-10, date -> "YYYY-MM-DD", phone -> the number as typed. Checked through
the bounded parsers (craniocare/lib/parsing.py) by the write paths, whatever sent them."""

from __future__ import annotations

from typing import Any

from craniocare.lib.parsing import InvalidInput, clean_line, clean_text, parse_date, parse_phone

from .definition import LONGTEXT_MAX, TEXT_MAX, Question


def check_answer(question: Question, value: Any) -> Any:
    """`value` as stored for `question`, or InvalidInput. Empty answers are None."""
    if value in (None, "", []):
        return None
    kind = question.type
    if kind == "text":
        return clean_line(value, max_length=TEXT_MAX) or None
    if kind == "longtext":
        return clean_text(value, max_length=LONGTEXT_MAX) or None
    if kind == "yesno":
        if value not in ("yes", "no"):
            raise InvalidInput("Please answer yes or no.")
        return value
    if kind == "choice":
        if value not in question.choices:
            raise InvalidInput("Please choose one of the answers offered.")
        return value
    if kind == "multichoice":
        if not isinstance(value, list) or not set(value) <= set(question.choices):
            raise InvalidInput("Please choose among the answers offered.")
        return [c for c in question.choices if c in value]  # the template's order, once each
    if kind == "scale":
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
            raise InvalidInput("Please choose a number from 0 to 10.")
        return value
    if kind == "date":
        return parse_date(value).isoformat()
    if kind == "phone":
        return parse_phone(value) or None
    raise InvalidInput("Unknown question type.")


def is_asked(question: Question, answers: dict[str, Any]) -> bool:
    """A follow-up question is asked only when its yes/no question got the answer it waits for."""
    if not question.show_if:
        return True
    (parent, wanted) = next(iter(question.show_if.items()))
    return answers.get(parent) == wanted


def missing_required(questions: Any, answers: dict[str, Any]) -> list[Question]:
    return [
        q
        for q in questions
        if q.required and is_asked(q, answers) and answers.get(q.key) in (None, "", [])
    ]


def shown_answer(question: Question, value: Any) -> str:
    """An answer as the practitioner reads it."""
    if value in (None, "", []):
        return ""
    if question.type == "yesno":
        return "Yes" if value == "yes" else "No"
    if question.type == "multichoice":
        return ", ".join(value)
    if question.type == "scale":
        return f"{value} / 10"
    return str(value)
