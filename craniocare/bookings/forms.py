"""Input of the public booking pages: the visitor's zone, the chosen time, their details.

Nothing here trusts what arrives: a zone must be a real IANA key, a start must be an aware ISO
8601 instant, a service must be active. The chosen time is checked again by `booking_create`
inside its transaction; the checks here only give a clear message early.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.http import Http404

from craniocare.catalog.models import Service
from craniocare.contact.forms import TelInput
from craniocare.core.fields import CleanCharField, PhoneField
from craniocare.lib.parsing import InvalidInput, clean_line, parse_date, parse_instant, parse_zone
from craniocare.lib.tz import is_residential_zone
from craniocare.scheduling.models import Practitioner

from .requests import ClientDetails

# Offered in the zone picker; any other IANA zone can be typed in.
COMMON_ZONES = (
    "America/St_Johns",
    "America/Halifax",
    "America/Toronto",
    "America/New_York",
    "America/Winnipeg",
    "America/Chicago",
    "America/Edmonton",
    "America/Denver",
    "America/Vancouver",
    "America/Los_Angeles",
    "America/Mexico_City",
    "America/Sao_Paulo",
    "Europe/London",
    "Europe/Dublin",
    "Europe/Lisbon",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Amsterdam",
    "Europe/Madrid",
    "Europe/Rome",
    "Europe/Athens",
    "Africa/Johannesburg",
    "Asia/Dubai",
    "Asia/Kolkata",
    "Asia/Singapore",
    "Asia/Hong_Kong",
    "Asia/Tokyo",
    "Australia/Perth",
    "Australia/Adelaide",
    "Australia/Sydney",
    "Pacific/Auckland",
    "UTC",
)

MAX_FIELD = 300  # no hidden field or query value of this flow is longer; longer is garbage
NOTES_MAX_LENGTH = 2000
REASON_MAX_LENGTH = 1000
IDEMPOTENCY_KEY = re.compile(r"web-[A-Za-z0-9_-]{16,64}")


class BadChoice(Exception):
    """A chosen time, week or zone that cannot be read: shown to the visitor as `message`."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _clean(value: object) -> str:
    """A query value or hidden field as one line of text; "" for anything unreadable (a NUL, a
    line break, a value longer than any this flow sends), which then matches nothing."""
    try:
        return clean_line(value if isinstance(value, str) else "", max_length=MAX_FIELD)
    except InvalidInput:
        return ""


@dataclass(frozen=True)
class ZoneChoice:
    key: str  # a valid IANA zone
    explicit: bool  # the visitor (or their browser) named it; False: the practice's, by default
    error: str = ""  # what was wrong with the zone they named

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.key)


def zone_choices(current: str) -> list[tuple[str, str]]:
    """(value, label) of the zone picker, with the current zone in it."""
    zones = list(COMMON_ZONES)
    if current not in zones:
        zones.insert(0, current)
    return [(key, key.replace("_", " ")) for key in zones]


def resolve_zone(chosen: object, typed: object, fallback: str) -> ZoneChoice:
    """The zone to show times in: the typed one, else the chosen one, else `fallback`.

    A name that is not a zone a person lives in (lib.tz.match_zone: exact, then
    case-insensitive, "europe/london" works too) falls back with a message.
    """
    raw = typed if isinstance(typed, str) and typed.strip() else chosen
    if not (isinstance(raw, str) and raw.strip()):
        return ZoneChoice(fallback, explicit=False)
    try:
        return ZoneChoice(parse_zone(raw).key, explicit=True)
    except InvalidInput:
        name = _clean(raw)
        shown = name if len(name) <= 60 else name[:60] + "…"
        return ZoneChoice(
            fallback,
            explicit=False,
            error=f"We don't recognise the time zone “{shown}”. Please pick one from the list or "
            f"type a name such as Europe/London. For now the times are shown in {fallback}, the "
            "practice's own time zone.",
        )


def parse_week(raw: object) -> date | None:
    """A date inside the wanted week (YYYY-MM-DD), or None when none was asked for."""
    if isinstance(raw, date):
        return raw
    if not (isinstance(raw, str) and raw.strip()):
        return None
    try:
        return parse_date(raw)
    except InvalidInput:
        raise BadChoice(
            "We couldn't read that week, so here is the first week with open times."
        ) from None


def parse_start(raw: object) -> datetime:
    """The chosen start as an aware UTC datetime (ISO 8601 with an offset, 2000-2100)."""
    try:
        return parse_instant(raw)
    except InvalidInput:
        raise BadChoice(
            "We couldn't read the time you picked. Please choose one of these times."
        ) from None


def is_known_zone(name: str) -> bool:
    return is_residential_zone(name)


def service_or_404(slug: object) -> Service:
    service = Service.objects.active().filter(slug=_clean(slug)).first()
    if service is None:
        raise Http404("No such service.")
    return service


def practitioner_or_none(slug: object) -> Practitioner | None:
    text = _clean(slug)
    if not text:
        return None
    return Practitioner.objects.active().filter(slug=text).first()


FIRST_VISIT_CHOICES = [("yes", "Yes, this is my first visit"), ("no", "No, I have been before")]


class DetailsForm(forms.Form):
    """The visitor's details: step 3 of the booking, re-checked when they confirm."""

    name = CleanCharField(
        label="Your name",
        max_length=200,
        error_messages={
            "required": "Please tell us your name.",
            "max_length": "Please shorten your name to %(limit_value)d characters or fewer.",
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="Your confirmation and the link to manage your booking go here.",
        error_messages={
            "required": "Please give an email address so we can send your confirmation.",
            "invalid": "This does not look like an email address. Please check it, "
            "for example name@example.com.",
            "max_length": "This email address is longer than email allows. Please check it.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = PhoneField(
        label="Phone (optional)",
        required=False,
        max_length=40,
        help_text="Only used if we need to reach you about this session.",
        error_messages={
            "max_length": "A phone number has between 7 and 20 digits. Please check it, "
            "or leave it empty."
        },
        widget=TelInput(attrs={"autocomplete": "tel"}),
    )
    first_visit = forms.ChoiceField(
        label="Is this your first visit?",
        choices=FIRST_VISIT_CHOICES,
        error_messages={
            "required": "Please tell us whether you have been here before.",
            "invalid_choice": "Please choose one of the options.",
        },
        widget=forms.RadioSelect,
    )
    notes = CleanCharField(
        multiline=True,
        label="Anything the practitioner should know? (optional)",
        required=False,
        max_length=NOTES_MAX_LENGTH,
        help_text="For example what brings you, or anything that would make the session easier. "
        "Only the practitioner reads this.",
        error_messages={
            "max_length": "Please keep this to %(limit_value)d characters or fewer "
            "(it has %(show_value)d). You can tell us the rest in person.",
        },
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    FIELDS = ("name", "email", "phone", "first_visit", "notes")

    def client_details(self) -> ClientDetails:
        data = self.cleaned_data
        return ClientDetails(name=data["name"], email=data["email"], phone=data["phone"] or "")

    @property
    def is_first_visit(self) -> bool:
        return self.cleaned_data["first_visit"] == "yes"

    def error_summary(self) -> list[tuple[str, str]]:
        """(element id, message) for every error, to link from the summary at the top."""
        items: list[tuple[str, str]] = [("", str(error)) for error in self.non_field_errors()]
        for bound in self:
            if bound.errors:
                target = f"{bound.auto_id}_0" if bound.name == "first_visit" else bound.auto_id
                items.extend((target, str(error)) for error in bound.errors)
        return items

    def add_service_errors(self, message_dict: dict[str, list[str]]) -> None:
        """Errors from `booking_create`'s own checks, on the matching fields."""
        for field, messages in message_dict.items():
            self.add_error(field if field in self.fields else None, messages)


def carried_details(data: Any) -> list[tuple[str, str]]:
    """The details as typed (not yet checked), to carry through hidden fields."""
    return [(name, str(data.get(name, ""))[:NOTES_MAX_LENGTH]) for name in DetailsForm.FIELDS]


class CancelForm(forms.Form):
    reason = CleanCharField(
        multiline=True,
        label="Would you like to tell us why? (optional)",
        required=False,
        max_length=REASON_MAX_LENGTH,
        error_messages={
            "max_length": "Please keep this to %(limit_value)d characters or fewer.",
        },
        widget=forms.Textarea(attrs={"rows": 3}),
    )
