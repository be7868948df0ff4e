"""Answers laid out for reading: by section, each with its question, the answer in words and
whether it is flagged (for the practitioner's pages and the client's review)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .answers import is_asked, shown_answer
from .definition import Question
from .models import FormTemplate


@dataclass(frozen=True)
class ShownAnswer:
    question: Question
    text: str
    flagged: bool


def answers_by_section(
    template: FormTemplate, answers: dict[str, Any]
) -> list[tuple[Any, list[ShownAnswer]]]:
    out = []
    for section in template.parsed.sections:
        rows = [
            ShownAnswer(q, shown_answer(q, answers.get(q.key)), q.is_flagged(answers.get(q.key)))
            for q in section.questions
            if is_asked(q, answers)
        ]
        out.append((section, rows))
    return out


def flagged_answers(template: FormTemplate, answers: dict[str, Any]) -> list[ShownAnswer]:
    return [row for _, rows in answers_by_section(template, answers) for row in rows if row.flagged]
