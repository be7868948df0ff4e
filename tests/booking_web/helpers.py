"""Reading the booking pages the way a browser without JavaScript would."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.clock import WEB_NEXT_MONDAY as NEXT_MONDAY

SERVICE = "craniosacral-60"
ALICE = {
    "name": "Alice Martin",
    "email": "alice.new@example.com",
    "phone": "416 555 0199",
    "first_visit": "yes",
    "notes": "Tension headaches in the afternoon.",
}


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


@dataclass
class Form:
    action: str
    method: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    buttons: list[dict[str, str]] = field(default_factory=list)

    def data(self, **overrides: str) -> dict[str, str]:
        values = dict(self.fields)
        values.update(overrides)
        return values


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.links: list[dict[str, str]] = []
        self._form: Form | None = None
        self._link: dict[str, str] | None = None
        self._button: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = Form(a.get("action", ""), a.get("method", "get").lower())
            self.forms.append(self._form)
        elif tag == "input" and self._form is not None and a.get("type") in ("hidden", None):
            if a.get("type") == "hidden":
                self._form.fields.append((a["name"], a.get("value", "")))
        elif tag == "button" and self._form is not None:
            self._button = {**a, "text": ""}
            self._form.buttons.append(self._button)
        elif tag == "a":
            self._link = {**a, "text": ""}
            self.links.append(self._link)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "a":
            self._link = None
        elif tag == "button":
            self._button = None

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._link["text"] += data
        if self._button is not None:
            self._button["text"] += data


def parse(response: Any) -> _Parser:
    parser = _Parser()
    parser.feed(response.content.decode())
    return parser


def time_links(response: Any) -> list[dict[str, str]]:
    """The time choices of a week view in link mode: href and accessible text."""
    return [link for link in parse(response).links if "time" in link.get("class", "").split()]


def time_buttons(response: Any) -> list[dict[str, str]]:
    return [
        button
        for form in parse(response).forms
        for button in form.buttons
        if "time" in button.get("class", "").split()
    ]


def query(url: str) -> dict[str, str]:
    return {key: values[-1] for key, values in parse_qs(urlsplit(url).query).items()}


def form_with(response: Any, action_part: str) -> Form:
    for form in parse(response).forms:
        if action_part in form.action:
            return form
    raise AssertionError(f"no form posting to {action_part}")


def shown_times(response: Any) -> list[str]:
    """'Monday 18 January, 14:00' for every offered time."""
    return [" ".join(link["text"].split()) for link in time_links(response)] or [
        " ".join(button["text"].split()) for button in time_buttons(response)
    ]


def field_value(page: str, name: str) -> str:
    match = re.search(rf'<input\b[^>]*name="{name}"[^>]*>', page)
    assert match, f"no input {name}"
    value = re.search(r'value="([^"]*)"', match.group(0))
    return value.group(1) if value else ""


MONDAY_9_TORONTO = "2027-01-18T14:00:00Z"  # 09:00 in Toronto, 14:00 in London


def week_page(client: Any, **params: str) -> Any:
    from django.urls import reverse

    values = {"service": SERVICE, "tz": "Europe/London", "week": NEXT_MONDAY.isoformat()}
    values.update(params)
    return client.get(reverse("bookings:book"), {k: v for k, v in values.items() if v is not None})


def details_page(client: Any, start: str = MONDAY_9_TORONTO, tz: str = "Europe/London") -> Any:
    from django.urls import reverse

    return client.get(reverse("bookings:details"), {"service": SERVICE, "tz": tz, "start": start})


def review_page(client: Any, details: Any, **typed: str) -> Any:
    form = form_with(details, "/new/review/")
    return client.post(form.action, form.data(**{**ALICE, **typed}))


def confirm(client: Any, review: Any, **headers: str) -> Any:
    form = form_with(review, "/new/confirm/")
    return client.post(form.action, form.data(), **headers)


def book_online(client: Any, start: str = MONDAY_9_TORONTO, **typed: str) -> Any:
    """Every step without JavaScript; the confirmation page's response."""
    response = confirm(client, review_page(client, details_page(client, start), **typed))
    assert response.status_code == 303, text(response)[:3000]
    return client.get(response["Location"])


def plain(response: Any) -> str:
    """The page as a person reads it: tags dropped, spaces collapsed."""
    without_tags = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(without_tags).split())


def mail_to(inbox: Any, address: str, count: int = 1) -> list[Any]:
    """The messages the SMTP server received for `address` (waits for `count` of them)."""
    import time

    deadline = time.monotonic() + 10
    while True:
        found = [m for m in inbox.messages if address in m["X-Envelope-To"]]
        if len(found) >= count or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def calendar_part(message: Any) -> Any:
    """The text/calendar attachment of a message."""
    parts = [part for part in message.walk() if part.get_content_type() == "text/calendar"]
    assert len(parts) == 1, "one calendar file"
    return parts[0]


def calendar_event(message: Any) -> tuple[Any, Any]:
    """(VCALENDAR, its VEVENT) parsed with icalendar."""
    from icalendar import Calendar

    part = calendar_part(message)
    calendar = Calendar.from_ical(part.get_payload(decode=True))
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def body_text(message: Any) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def manage_path(message: Any) -> str:
    match = re.search(
        r"https?://[^/\s]+(/bookings/[\w-]+/manage/\?token=[\w-]+)", body_text(message)
    )
    assert match, "the email has a manage link"
    return match.group(1)
