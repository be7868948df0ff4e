"""The shape of an intake form template (``FormTemplate.definition``) and its checks. No ORM.

A definition is JSON::

    {"sections": [
        {"key": "contact", "title": "...", "intro": "...", "questions": [
            {"key": "phone", "type": "phone", "label": "...", "help": "...", "required": true},
            {"key": "jaw", "type": "yesno", "label": "...", "flag": {"when": "yes",
             "note": "what the practitioner should know"}},
            {"key": "jaw_where", "type": "text", "label": "...", "show_if": {"jaw": "yes"}},
            {"key": "jaw_strength", "type": "scale", "label": "...", "show_if": {"jaw": "yes"}},
            {"key": "jaw_since", "type": "choice", "label": "...", "choices": ["...", "..."]},
        ]}
    ]}

Question types: text, longtext, yesno, choice, multichoice, scale (0-10), date, phone.
``flag`` marks a screening answer the practitioner must see (never front desk):
``{"when": "yes"}`` (yes/no), ``{"any_of": [...]}`` (choice, multi-choice),
``{"at_least": N}`` (scale), ``{"when": "answered"}`` (any type: anything given).
``show_if`` ties a follow-up question to a yes/no answer: it is asked (and required) only then.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

QUESTION_TYPES = ("text", "longtext", "yesno", "choice", "multichoice", "scale", "date", "phone")
KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
MAX_SECTIONS = 20
MAX_QUESTIONS = 200
MAX_LABEL = 300
MAX_CHOICES = 30
TEXT_MAX = 200
LONGTEXT_MAX = 3000


class DefinitionError(ValueError):
    """A definition that cannot be used; the message says where and why."""


@dataclass(frozen=True)
class Question:
    key: str
    type: str
    label: str
    help: str = ""
    required: bool = False
    choices: tuple[str, ...] = ()
    flag: dict[str, Any] | None = None
    show_if: dict[str, str] | None = None

    def is_flagged(self, answer: Any) -> bool:
        """Whether `answer` (as stored) is one the practitioner must see first."""
        rule = self.flag
        if not rule or answer in (None, "", []):
            return False
        if rule.get("when") == "answered":
            return True
        if rule.get("when") == "yes":
            return answer == "yes"
        if "any_of" in rule:
            given = answer if isinstance(answer, list) else [answer]
            return bool(set(given) & set(rule["any_of"]))
        if "at_least" in rule:
            return isinstance(answer, int) and answer >= int(rule["at_least"])
        return False

    @property
    def flag_note(self) -> str:
        return str((self.flag or {}).get("note", ""))


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    intro: str = ""
    questions: tuple[Question, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Definition:
    sections: tuple[Section, ...]

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def questions(self) -> list[Question]:
        return [q for s in self.sections for q in s.questions]

    def next_section(self, key: str) -> Section | None:
        keys = [s.key for s in self.sections]
        if key not in keys or keys.index(key) + 1 >= len(keys):
            return None
        return self.sections[keys.index(key) + 1]


def _text(value: Any, where: str, *, max_length: int = MAX_LABEL, required: bool = True) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise DefinitionError(f"{where}: give some text.")
    if len(value) > max_length:
        raise DefinitionError(f"{where}: at most {max_length} characters.")
    return value


def _question(raw: Any, where: str, seen: set[str]) -> Question:
    if not isinstance(raw, dict):
        raise DefinitionError(f"{where}: a question is an object with a key, a type and a label.")
    key = raw.get("key")
    if not isinstance(key, str) or not KEY.match(key):
        raise DefinitionError(
            f"{where}: the key must be lower-case letters, digits and _ (starting with a letter)."
        )
    if key in seen:
        raise DefinitionError(f"{where}: the key “{key}” is used twice.")
    where = f"{where} ({key})"
    kind = raw.get("type")
    if kind not in QUESTION_TYPES:
        raise DefinitionError(f"{where}: the type must be one of {', '.join(QUESTION_TYPES)}.")
    choices: tuple[str, ...] = ()
    if kind in ("choice", "multichoice"):
        given = raw.get("choices")
        if not isinstance(given, list) or not 2 <= len(given) <= MAX_CHOICES:
            raise DefinitionError(f"{where}: give between 2 and {MAX_CHOICES} choices.")
        choices = tuple(_text(c, f"{where} choice", max_length=120) for c in given)
        if len(set(choices)) != len(choices):
            raise DefinitionError(f"{where}: a choice is listed twice.")
    flag = raw.get("flag")
    if flag is not None:
        if not isinstance(flag, dict) or not (
            flag.get("when") in ("yes", "answered") or "any_of" in flag or "at_least" in flag
        ):
            raise DefinitionError(
                f"{where}: a flag is {{'when': 'yes'}}, {{'when': 'answered'}}, "
                "{'any_of': [...]} or {'at_least': N}."
            )
        if flag.get("when") == "yes" and kind != "yesno":
            raise DefinitionError(f"{where}: a 'when yes' flag needs a yes/no question.")
        if "any_of" in flag and (
            not isinstance(flag["any_of"], list) or not set(flag["any_of"]) <= set(choices)
        ):
            raise DefinitionError(f"{where}: the flag's any_of must list some of the choices.")
        if "at_least" in flag and (
            kind != "scale"
            or not isinstance(flag["at_least"], int)
            or not 0 <= flag["at_least"] <= 10
        ):
            raise DefinitionError(f"{where}: at_least needs a scale question and 0 to 10.")
        _text(flag.get("note"), f"{where} flag note", required=False)
    show_if = raw.get("show_if")
    if show_if is not None and (
        not isinstance(show_if, dict)
        or len(show_if) != 1
        or next(iter(show_if)) not in seen
        or next(iter(show_if.values())) not in ("yes", "no")
    ):
        raise DefinitionError(
            f"{where}: show_if names one earlier yes/no question, e.g. {{'jaw': 'yes'}}."
        )
    seen.add(key)
    return Question(
        key=key,
        type=kind,
        label=_text(raw.get("label"), f"{where} label"),
        help=_text(raw.get("help"), f"{where} help", required=False),
        required=bool(raw.get("required", False)),
        choices=choices,
        flag=flag,
        show_if=show_if,
    )


def parse_definition(raw: Any) -> Definition:
    """A checked Definition, or DefinitionError saying what is wrong (shown to the practitioner)."""
    if not isinstance(raw, dict) or not isinstance(raw.get("sections"), list):
        raise DefinitionError('The form needs a list of "sections".')
    if not 1 <= len(raw["sections"]) <= MAX_SECTIONS:
        raise DefinitionError(f"Give between 1 and {MAX_SECTIONS} sections.")
    seen: set[str] = set()
    section_keys: set[str] = set()
    sections = []
    for n, section in enumerate(raw["sections"], start=1):
        where = f"Section {n}"
        if not isinstance(section, dict):
            raise DefinitionError(f"{where}: a section is an object with a key and a title.")
        key = section.get("key")
        if not isinstance(key, str) or not KEY.match(key) or key in section_keys:
            raise DefinitionError(f"{where}: give a unique key of lower-case letters.")
        section_keys.add(key)
        questions = section.get("questions")
        if not isinstance(questions, list) or not questions:
            raise DefinitionError(f"{where}: give at least one question.")
        parsed = tuple(
            _question(q, f"{where}, question {m}", seen) for m, q in enumerate(questions, start=1)
        )
        sections.append(
            Section(
                key=key,
                title=_text(section.get("title"), f"{where} title"),
                intro=_text(
                    section.get("intro"), f"{where} intro", max_length=1000, required=False
                ),
                questions=parsed,
            )
        )
    if len(seen) > MAX_QUESTIONS:
        raise DefinitionError(f"At most {MAX_QUESTIONS} questions in all.")
    return Definition(sections=tuple(sections))
