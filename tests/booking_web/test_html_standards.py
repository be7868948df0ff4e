"""Markup the Nu HTML Checker accepts: htmx only through `data-hx-*` attributes (in every
template, and in every page of the booking flow as rendered), and the confirmation with its own
heading only."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from .helpers import book_online, details_page, review_page, week_page

TEMPLATES = Path(settings.BASE_DIR) / "templates"


class Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.names: set[str] = set()
        self.headings: list[tuple[str, str]] = []
        self._heading: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.names.update(name for name, _ in attrs)
        if tag in ("h1", "h2"):
            self._heading = tag
            self.headings.append((tag, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == self._heading:
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            tag, text = self.headings[-1]
            self.headings[-1] = (tag, (text + " " + data.strip()).strip())


def parsed(body: str) -> Attributes:
    parser = Attributes()
    parser.feed(body)
    return parser


def bare_htmx(names: set[str]) -> set[str]:
    return {name for name in names if name.startswith("hx-")}


def test_no_template_has_a_bare_hx_attribute():
    offending = {}
    for path in TEMPLATES.rglob("*.html"):
        names = bare_htmx(parsed(path.read_text()).names)
        if names:
            offending[str(path.relative_to(TEMPLATES))] = sorted(names)
    assert offending == {}


@pytest.mark.django_db
@pytest.mark.usefixtures("booking_site")
def test_every_booking_step_uses_data_hx_attributes(client):
    details = details_page(client)
    review = review_page(client, details)
    pages = {
        "services": client.get(reverse("bookings:book")),
        "week": week_page(client),
        "details": details,
        "review": review,
        "confirmation": book_online(client, start="2027-01-18T16:00:00Z"),
    }
    for name, response in pages.items():
        assert response.status_code == 200, name
        names = parsed(response.content.decode()).names
        assert bare_htmx(names) == set(), name
    assert "data-hx-get" in parsed(pages["week"].content.decode()).names


@pytest.mark.django_db
@pytest.mark.usefixtures("booking_site")
def test_the_confirmation_has_its_own_heading_only(client):
    response = book_online(client)
    assert "Choose a session, pick a time" not in response.content.decode()
    page = parsed(response.content.decode())
    assert page.headings[0] == ("h1", "You're booked")
    assert [tag for tag, _ in page.headings].count("h1") == 1
    assert all("Book a session" not in text for _, text in page.headings)
    assert all("Choose a session" not in text for _, text in page.headings)


@pytest.mark.django_db
@pytest.mark.usefixtures("booking_site")
def test_an_htmx_confirmation_replaces_the_booking_invitation_out_of_band(client):
    from .helpers import form_with

    review = review_page(client, details_page(client))
    form = form_with(review, "/new/confirm/")
    response = client.post(form.action, form.data(), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="booking-head"' in body and 'data-hx-swap-oob="true"' in body
    assert "Book a session</h1>" not in body and "You're booked" in body
