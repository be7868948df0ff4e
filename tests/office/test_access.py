"""Who reaches which back-office page. The URLs come from the URL configuration, not a list:
a new office view is covered the moment it is routed, and fails here unless it is wrapped in
`staff_required` or `practitioner_required` and its URL arguments are known below."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client as DjangoClient
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from craniocare.accounts.permissions import ACCESS_RULE_ATTRIBUTE
from craniocare.clients.models import Client
from craniocare.outbox.models import Message
from tests.factories import ContactMessageFactory, WaitlistEntryFactory
from tests.intake.helpers import intake_records
from tests.office.helpers import book
from tests.signin import PASSWORD, set_password, totp_secret

pytestmark = pytest.mark.django_db


def _walk(patterns: list[Any], namespace: str | None) -> Iterator[tuple[str, URLPattern]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and namespace and entry.name:
            yield f"{namespace}:{entry.name}", entry


def office_patterns() -> dict[str, URLPattern]:
    """Every named URL pattern in the "office" namespace (and namespaces inside it)."""
    return {
        name: pattern
        for name, pattern in _walk(get_resolver().url_patterns, None)
        if name.split(":")[0] == "office"
    }


OFFICE_URL_NAMES = sorted(office_patterns())


def url_arguments(pattern: URLPattern) -> list[str]:
    route = pattern.pattern
    converters = getattr(route, "converters", None)
    if converters is not None:
        return list(converters)
    return list(route.regex.groupindex)


@pytest.fixture
def office_url(alice_booking: Any) -> Any:
    """`office_url(name)`: the path of an office URL, its arguments filled with real objects
    Serena may see (so that a 404 means "forbidden", never "no such object")."""
    known = {
        "client_id": alice_booking.client_id,
        "booking_id": alice_booking.pk,
        "practitioner_id": alice_booking.practitioner_id,
        "message_id": ContactMessageFactory().pk,
        "service_id": alice_booking.service_id,
        "staff_id": alice_booking.practitioner.user_id,
        "outbox_message_id": failed_message().pk,
        **intake_records(alice_booking.client),
        "entry_id": WaitlistEntryFactory(service=alice_booking.service).pk,
    }

    def build(name: str) -> str:
        kwargs = {}
        for argument in url_arguments(office_patterns()[name]):
            if argument not in known:
                pytest.fail(
                    f"{name} takes <{argument}>: add a real object for it to office_url "
                    "in tests/office/test_access.py"
                )
            kwargs[argument] = known[argument]
        return reverse(name, kwargs=kwargs)

    return build


def failed_message() -> Message:
    return Message.objects.create(
        kind="booking_created",
        recipients=["alice@example.com"],
        subject="Booked",
        payload={"body": "See you then."},
        status=Message.Status.FAILED,
        due_at=timezone.now(),
        last_error="SMTPRecipientsRefused",
    )


def rule_of(name: str) -> str:
    return getattr(office_patterns()[name].callback, ACCESS_RULE_ATTRIBUTE, "none")


def test_it_finds_the_office_urls():
    assert {"office:today", "office:settings", "office:client_clinical"} <= set(OFFICE_URL_NAMES)


@pytest.mark.parametrize("name", OFFICE_URL_NAMES)
def test_every_office_view_declares_who_may_see_it(name):
    assert rule_of(name) in {"staff", "practitioner"}, (
        f"{name}: wrap the view in staff_required or practitioner_required"
    )


@pytest.mark.parametrize("name", OFFICE_URL_NAMES)
def test_it_sends_anonymous_visitors_to_sign_in(client, office_url, name):
    url = office_url(name)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=" + url


@pytest.mark.parametrize("name", OFFICE_URL_NAMES)
@pytest.mark.parametrize("who", ["serena", "frank"])
def test_it_sends_staff_without_mfa_to_enrolment(client, office_url, name, who, request):
    user = request.getfixturevalue(who)
    client.force_login(user)
    response = client.get(office_url(name))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.parametrize("name", OFFICE_URL_NAMES)
def test_it_signs_out_staff_who_skipped_the_code(client, office_url, serena, name):
    totp_secret(serena)  # enrolled, but this session never passed the code
    client.force_login(serena)
    url = office_url(name)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=" + url
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("name", OFFICE_URL_NAMES)
@pytest.mark.parametrize("who", ["alice", "bob", "mallory"])
def test_it_hides_the_office_from_clients(client, office_url, name, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(office_url(name)).status_code == 404
    assert client.post(office_url(name)).status_code == 404


def _get_or_post(client: DjangoClient, url: str) -> int:
    """GET the page; for a POST-only action (405 with Allow: POST), POST it (empty) instead:
    done (302) or the form shown again with its errors (400) both mean "let in"."""
    response = client.get(url)
    if response.status_code == 405:
        assert response["Allow"] == "POST"
        response = client.post(url)
        assert response.status_code in (302, 400)
        return 200
    return response.status_code


@pytest.mark.parametrize("name", OFFICE_URL_NAMES)
def test_it_shows_front_desk_only_the_schedule_side(office_client, office_url, frank, name):
    client = office_client(frank)
    expected = 404 if rule_of(name) == "practitioner" else 200
    assert _get_or_post(client, office_url(name)) == expected


@pytest.mark.parametrize("name", OFFICE_URL_NAMES)
def test_it_opens_every_page_for_the_practitioner(office_client, office_url, serena, name):
    client = office_client(serena)
    assert _get_or_post(client, office_url(name)) == 200


def test_it_hides_practitioner_sections_from_the_front_desk_navigation(
    office_client, frank, serena
):
    frank_page = office_client(frank).get(reverse("office:today")).content.decode()
    serena_page = office_client(serena).get(reverse("office:today")).content.decode()
    for section in ("office:availability", "office:services", "office:settings"):
        assert f'href="{reverse(section)}"' not in frank_page
        assert f'href="{reverse(section)}"' in serena_page


def test_it_answers_404_for_a_client_that_does_not_exist(office_client, serena, alice_booking):
    client = office_client(serena)
    missing = Client.objects.order_by("-pk").first().pk + 1000
    assert client.get(reverse("office:client", args=[missing])).status_code == 404
    assert client.get(reverse("office:client_clinical", args=[missing])).status_code == 404


def test_a_practitioner_cannot_open_another_practitioners_clinical_record(
    office_client, serena, maya, bob, alice_booking, session60
):
    bob_client = Client.objects.get(user=bob)
    book(maya, bob_client, session60, alice_booking.start)
    client = office_client(serena)
    # Bob's contact details are schedule information: every staff member may see them.
    assert client.get(reverse("office:client", args=[bob_client.pk])).status_code == 200
    # His clinical record belongs with Maya, who treats him; changing the id reveals nothing.
    assert client.get(reverse("office:client_clinical", args=[bob_client.pk])).status_code == 404
    own = reverse("office:client_clinical", args=[alice_booking.client_id])
    assert client.get(own).status_code == 200
    assert office_client(maya).get(own).status_code == 404


# --- The Django admin and the account pages -------------------------------------------------------


def test_it_sends_anonymous_visitors_from_the_admin_to_sign_in(client):
    response = client.get("/admin/blog/post/")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=/admin/blog/post/"


def test_the_admin_login_form_is_replaced_by_the_sign_in_page(client):
    response = client.get(reverse("admin:login") + "?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_admin_requires_mfa_enrolment(client, serena):
    client.force_login(serena)
    response = client.get(reverse("admin:index"))
    assert response["Location"] == reverse("mfa_activate_totp")


def test_the_admin_signs_out_a_session_that_skipped_the_code(client, serena):
    totp_secret(serena)
    client.force_login(serena)
    response = client.get(reverse("admin:index"))
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


def test_the_admin_opens_after_mfa(office_client, serena):
    assert office_client(serena).get(reverse("admin:index")).status_code == 200


def test_the_admin_is_not_there_for_clients(client, alice):
    client.force_login(alice)
    assert client.get(reverse("admin:index")).status_code == 404


def test_staff_without_mfa_see_only_enrolment_among_account_pages(client, frank):
    client.force_login(frank)
    for name in ("account_email", "account_change_password", "mfa_index"):
        assert client.get(reverse(name))["Location"] == reverse("mfa_activate_totp"), name
    # Enrolment is open to them (allauth first asks for the password again, if it was a while).
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert client.get(response["Location"]).status_code == 200
    assert client.get(reverse("account_logout")).status_code == 200


def test_public_pages_stay_open_to_staff_without_mfa(client, frank):
    set_password(frank, PASSWORD)
    client.force_login(frank)
    assert client.get(reverse("website:home")).status_code == 200


def test_a_practitioner_cannot_open_another_practitioners_session_notes(
    office_client, serena, maya, alice_booking
):
    """Every URL of a booking's note (read from the URLconf) answers 404 to a practitioner
    who does not treat the client, for GET and POST; the note's own practitioner gets in."""
    from craniocare.clinical.services import note_start

    note_start(booking=alice_booking, author=serena)
    names = [
        name
        for name, pattern in office_patterns().items()
        if pattern.callback.__module__.startswith("craniocare.clinical")
        and url_arguments(pattern) == ["booking_id"]
    ]
    assert "office:session_note" in names
    maya_client = office_client(maya)
    for name in names:
        url = reverse(name, args=[alice_booking.pk])
        assert maya_client.get(url).status_code in (404, 405), name
        assert maya_client.post(url).status_code == 404, name
    own = reverse("office:session_note", args=[alice_booking.pk])
    assert office_client(serena).get(own).status_code == 200
