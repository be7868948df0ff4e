"""Intake and consent: versioned templates and documents, revisions, consent records with their
hash and withdrawal, the consent flag on bookings, and who may see what (the client's links are
in test_intake_links.py; the fixtures in conftest.py)."""

from __future__ import annotations

import copy
import hashlib
import json
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from craniocare.clients.models import Client
from craniocare.intake.models import Consent, IntakeSubmission, SubmissionStatus
from craniocare.intake.selectors import (
    consent_flags_for,
    consents_missing,
    current_document,
    current_template,
)
from craniocare.intake.services import (
    consent_document_publish,
    consent_give,
    consent_withdraw,
    form_template_publish,
    intake_save,
)
from tests.clock import TORONTO
from tests.intake.helpers import sign, submit_intake
from tests.office.helpers import book

pytestmark = pytest.mark.django_db

# --- versioning -------------------------------------------------------------------------------


def test_it_keeps_old_answers_on_their_version_when_a_new_version_is_published(
    alice_client, serena
):
    first = submit_intake(alice_client)
    definition = copy.deepcopy(current_template().definition)
    definition["sections"][0]["questions"][0]["label"] = "Your name, as you like to be called"
    newer = form_template_publish(definition=definition, name="Health intake", published_by=serena)

    first.refresh_from_db()
    assert newer.version == first.template.version + 1
    assert current_template() == newer
    assert first.template.version == 1
    assert first.template.parsed.questions()[0].label == "Your full name"
    assert first.answers["full_name"] == "Alice Martin"


def test_an_update_after_submitting_is_a_new_revision_and_the_old_answers_stay(alice_client):
    first = submit_intake(alice_client)
    form_template_publish(definition=current_template().definition, name="Health intake v2")
    update = intake_save(
        client=alice_client,
        template=current_template(),
        section="goals",
        answers={"goals": "Sleeping through the night."},
        complete=True,
    )
    first.refresh_from_db()
    assert update.pk != first.pk
    assert update.revision == 2 and update.previous == first
    assert update.template.version == 2 and first.template.version == 1
    assert first.answers["goals"] == "Less clenching at night."
    assert update.answers["goals"] == "Sleeping through the night."
    assert update.answers["full_name"] == "Alice Martin"  # carried over, then editable
    assert first.status == SubmissionStatus.SUBMITTED and update.status == SubmissionStatus.DRAFT


def test_it_flags_screening_answers(alice_client):
    submission = submit_intake(alice_client)
    flagged = {question.key for question, _ in submission.flagged()}
    assert flagged == {"head_injury", "jaw_strength"}


def test_it_refuses_a_template_with_a_broken_flag():
    definition = {
        "sections": [
            {
                "key": "a",
                "title": "A",
                "questions": [
                    {"key": "q", "type": "text", "label": "Q", "flag": {"when": "yes"}},
                ],
            }
        ]
    }
    with pytest.raises(ValidationError):
        form_template_publish(definition=definition, name="Broken")


def test_it_validates_answers_by_type_in_the_write_path(alice_client):
    with pytest.raises(ValidationError) as error:
        intake_save(
            client=alice_client,
            template=current_template(),
            section="symptoms",
            answers={"jaw": "maybe", "jaw_strength": 11},
            complete=False,
        )
    assert set(error.value.message_dict) == {"jaw", "jaw_strength"}
    assert not IntakeSubmission.objects.exists()


# --- consent records --------------------------------------------------------------------------


def test_a_consent_records_the_exact_text_version_hash_name_and_ip(alice_client):
    consent = sign(alice_client)
    document = current_document("intraoral")
    assert consent.document == document and consent.document_version == 1
    assert consent.text_hash == hashlib.sha256(document.body.encode()).hexdigest()
    assert consent.full_name == "Alice Martin" and consent.signature_kind == "typed"
    assert consent.ip_address == "203.0.113.7"


def test_a_withdrawn_consent_is_kept_with_time_reason_and_who(alice_client, serena):
    consent = sign(alice_client, now=timezone.now() - timedelta(hours=1))
    mid_session = timezone.now() - timedelta(minutes=5)
    consent_withdraw(
        consent=consent, reason="Asked to stop the jaw work.", withdrawn_by=serena,
        withdrawn_at=mid_session,
    )  # fmt: skip
    consent.refresh_from_db()
    assert consent.withdrawn_at == mid_session
    assert consent.withdrawal_reason == "Asked to stop the jaw work."
    assert consent.withdrawn_by == serena
    with pytest.raises(PermissionError):
        consent.delete()
    with pytest.raises(PermissionError):
        Consent.objects.all().delete()
    assert Consent.objects.count() == 1


def test_a_drawn_signature_must_be_plain_path_data(alice_client):
    document = current_document("intraoral")
    with pytest.raises(ValidationError):
        consent_give(
            client=alice_client,
            document=document,
            full_name="Alice Martin",
            signature_path='M1 1"/><script>alert(1)</script>',
        )
    drawn = consent_give(
        client=alice_client, document=document, full_name="Alice Martin",
        signature_path="M10 20 L30 40 L50 45",
    )  # fmt: skip
    assert drawn.signature_kind == "drawn"


# --- the consent flag -------------------------------------------------------------------------


def test_a_booking_needing_a_consent_is_flagged_until_it_is_given_and_again_after_withdrawal(
    office_client, serena, alice_client, jaw_booking
):
    page = office_client(serena)
    calendar = reverse("office:calendar") + f"?date={timezone.localdate(jaw_booking.start)}"
    booking_page = reverse("office:booking", args=[jaw_booking.pk])
    flag = "Consent needed: intraoral work"
    assert consents_missing(alice_client, jaw_booking.service) == ["intraoral"]
    assert flag in page.get(calendar).content.decode()
    assert flag in page.get(booking_page).content.decode()

    consent = sign(alice_client)
    assert consents_missing(alice_client, jaw_booking.service) == []
    assert flag not in page.get(calendar).content.decode()
    assert flag not in page.get(booking_page).content.decode()

    consent_withdraw(consent=consent, reason="Changed her mind.")
    assert flag in page.get(calendar).content.decode()
    assert flag in page.get(booking_page).content.decode()


def test_a_new_version_asking_for_renewal_makes_old_consents_stop_counting(
    alice_client, jaw_booking
):
    sign(alice_client)
    consent_document_publish(kind="intraoral", title="Intraoral v2", body="New text.")
    assert consents_missing(alice_client, jaw_booking.service) == []  # accepted still
    consent_document_publish(
        kind="intraoral", title="Intraoral v3", body="Newer text.", renewal_required=True
    )
    assert consents_missing(alice_client, jaw_booking.service) == ["intraoral"]


def test_the_flag_is_on_today(office_client, serena, alice_client, jaw):
    start = timezone.localtime().replace(hour=23, minute=0, second=0, microsecond=0)
    book(serena, alice_client, jaw, start)
    content = office_client(serena).get(reverse("office:today")).content.decode()
    assert "Consent needed: intraoral work" in content


def test_the_flags_of_many_bookings_cost_a_constant_number_of_queries(
    serena, alice, bob, jaw, session60
):
    clients = [Client.objects.get(user=alice), Client.objects.get(user=bob)]
    start = timezone.now() + timedelta(days=3)
    bookings = [
        book(serena, clients[n % 2], jaw if n % 3 else session60, start + timedelta(hours=2 * n))
        for n in range(12)
    ]
    sign(clients[0])
    with CaptureQueriesContext(connection) as queries:
        flags = consent_flags_for(bookings)
    assert len(queries) == 2
    assert {bookings[n].pk for n in range(12) if n % 3 and n % 2} == set(flags)


# --- who may see what -------------------------------------------------------------------------


def _intake_urls(client_obj):
    records = {"submission": submit_intake(client_obj), "consent": sign(client_obj)}
    return [
        reverse("office:intake_client", args=[client_obj.pk]),
        reverse("office:intake_fill", args=[client_obj.pk]),
        reverse("office:intake_consent", args=[client_obj.pk]),
        reverse("office:intake_submission", args=[records["submission"].pk]),
    ], reverse("office:consent_withdraw", args=[records["consent"].pk])


def test_only_the_clients_own_practitioner_opens_their_intake(
    client, office_client, serena, maya, frank, alice, mallory, alice_booking
):
    urls, withdraw = _intake_urls(alice_booking.client)
    own = office_client(serena)
    for url in urls:
        assert own.get(url).status_code == 200, url
    for other in (office_client(maya), office_client(frank)):
        for url in urls:
            assert other.get(url).status_code == 404, url
        assert other.post(withdraw).status_code == 404
    for person in (alice, mallory):
        client.force_login(person)
        for url in urls:
            assert client.get(url).status_code == 404, url
    client.logout()
    for url in urls:
        assert client.get(url).status_code == 302  # to sign-in
    assert Consent.objects.not_withdrawn().count() == 1


def test_front_desk_sees_whether_intake_is_done_but_not_the_answers(
    office_client, serena, frank, alice_booking
):
    submit_intake(alice_booking.client)
    profile = reverse("office:client", args=[alice_booking.client_id])
    desk = office_client(frank).get(profile).content.decode()
    assert "Intake form" in desk and "Done" in desk
    assert "Less clenching" not in desk and "intake_client" not in desk
    assert reverse("office:intake_client", args=[alice_booking.client_id]) not in desk
    mine = office_client(serena).get(profile).content.decode()
    assert reverse("office:intake_client", args=[alice_booking.client_id]) in mine


def test_the_practitioner_sees_flags_and_the_consent_hash(office_client, serena, alice_booking):
    submit_intake(alice_booking.client)
    consent = sign(alice_booking.client)
    page = office_client(serena).get(
        reverse("office:intake_client", args=[alice_booking.client_id])
    )
    content = page.content.decode()
    assert "Flagged answers" in content
    assert "Recent head injury or skull fracture" in content
    assert consent.text_hash in content


def test_the_practitioner_records_a_withdrawal_mid_session(office_client, serena, alice_booking):
    consent = sign(alice_booking.client, now=timezone.now() - timedelta(hours=1))
    ten_minutes_ago = timezone.now() - timedelta(minutes=10)
    when = timezone.localtime(ten_minutes_ago, TORONTO).strftime("%Y-%m-%dT%H:%M")  # practice time
    response = office_client(serena).post(
        reverse("office:consent_withdraw", args=[consent.pk]),
        {"reason": "Asked to stop during the session.", "withdrawn_at": when},
        follow=True,
    )
    assert "Withdrawal of the intraoral" in response.content.decode()
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None and consent.withdrawn_by == serena
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None and consent.withdrawn_by == serena
    assert timezone.localtime(consent.withdrawn_at, TORONTO).strftime("%Y-%m-%dT%H:%M") == when


def test_the_practitioner_publishes_a_new_form_version(office_client, serena):
    page = office_client(serena)
    url = reverse("office:intake_form")
    assert page.get(url).status_code == 200
    bad = page.post(url, {"name": "Health intake", "definition": "{not json"})
    assert bad.status_code == 400 and "{not json" in bad.content.decode()
    good = page.post(
        url, {"name": "Health intake", "definition": json.dumps(current_template().definition)}
    )
    assert good.status_code == 302
    assert current_template().version == 2


def test_merging_two_clients_keeps_both_intakes_and_consents(alice_client, bob, serena):
    from craniocare.clients.services import client_merge

    bob_client = Client.objects.get(user=bob)
    submit_intake(alice_client)
    submit_intake(bob_client)
    sign(alice_client)
    sign(bob_client, kind="general")
    client_merge(survivor=alice_client, duplicate=bob_client, merged_by=serena)
    assert IntakeSubmission.objects.filter(client=alice_client).count() == 2
    assert set(Consent.objects.filter(client=alice_client).values_list("kind", flat=True)) == {
        "intraoral",
        "general",
    }
    update = intake_save(
        client=alice_client,
        template=current_template(),
        section="goals",
        answers={"goals": "Rest."},
        complete=True,
    )
    assert update.revision == 2 and update.is_draft


def test_booking_emails_get_the_intake_and_missing_consent_links(jaw_booking, alice_client):
    from craniocare.bookings.emails import email_context
    from craniocare.intake.tokens import client_id_from

    links = dict(email_context(jaw_booking, "created")["client_links"])  # type: ignore[arg-type]
    assert set(links) == {
        "Fill in your health intake form",
        "Consent: intraoral (inside the mouth) work",
    }
    token = links["Fill in your health intake form"].split("/intake/")[1].strip("/")
    assert client_id_from(token) == alice_client.pk
    sign(alice_client)
    links = dict(email_context(jaw_booking, "created")["client_links"])  # type: ignore[arg-type]
    assert set(links) == {"Fill in your health intake form"}


def test_the_confirmation_email_carries_the_links_until_they_are_done(jaw_booking, alice_client):
    from craniocare.bookings.emails import client_email

    message = client_email(jaw_booking, "created")
    html = message.alternatives[0][0]
    assert "Fill in your health intake form: http" in message.body
    assert "Consent: intraoral (inside the mouth) work: http" in message.body
    assert ">Fill in your health intake form</a>" in str(html)
    sign(alice_client)
    assert "Consent:" not in client_email(jaw_booking, "created").body
