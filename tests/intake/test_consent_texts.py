"""The office's "Consent texts": each kind's current version with its consents in effect, any
version's text and fingerprint, and publishing a new version after a preview, through
consent_document_publish only. Bad input gets field errors and keeps what was typed; front desk,
clients and anonymous visitors never reach the screens."""

from __future__ import annotations

import html

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from craniocare.audit.models import AuditEvent
from craniocare.clients.models import Client
from craniocare.intake.models import ConsentDocument, sha256_of
from craniocare.intake.selectors import current_document
from craniocare.intake.services import consent_document_publish, consent_withdraw
from tests.intake.helpers import sign

pytestmark = pytest.mark.django_db

TEXTS = reverse("office:consent_texts")
PUBLISH = reverse("office:consent_text_publish", args=["intraoral"])
NEW_BODY = "## Work inside the mouth\n\n- Gloved hands only\n- You can stop at any moment"


def page(response) -> str:
    return html.unescape(response.content.decode())


def form_data(**changes) -> dict[str, str]:
    current = current_document("intraoral")
    data = {
        "title": "Consent to intraoral work",
        "body": NEW_BODY,
        "after_version": str(current.version),
        "action": "preview",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def alice_client(alice):
    return Client.objects.get(user=alice)


def test_the_list_shows_each_kind_with_its_version_publisher_and_consents_in_effect(
    office_client, serena, alice_client, bob
):
    sign(alice_client)
    withdrawn = sign(Client.objects.get(user=bob))
    consent_withdraw(consent=withdrawn, reason="")
    consent_document_publish(
        kind="pelvic", title="Work near the pelvis", body="Plain words.", published_by=serena
    )

    text = page(office_client(serena).get(TEXTS))

    for kind in ("general", "intraoral", "pelvic"):
        document = current_document(kind)
        assert reverse("office:consent_text", args=[document.pk]) in text
        assert reverse("office:consent_text_publish", args=[kind]) in text
    assert "Version 2 · published" in text and "by Serena Hale" in text
    # Alice's intraoral consent is in effect; Bob's withdrawn one is not counted.
    assert "1 consent on this version in effect" in text
    assert text.count("No consent on this version in effect yet") == 2


def test_a_version_shows_its_rendered_text_fingerprint_and_the_other_versions(
    office_client, serena
):
    first = current_document("intraoral")
    second = consent_document_publish(
        kind="intraoral", title="Intraoral work", body=NEW_BODY, published_by=serena
    )
    browser = office_client(serena)

    text = page(browser.get(reverse("office:consent_text", args=[second.pk])))
    assert "<li>Gloved hands only</li>" in text
    assert "## Work" not in text  # rendered, not shown as typed
    assert second.text_hash in text and second.text_hash == sha256_of(NEW_BODY)
    assert reverse("office:consent_text", args=[first.pk]) in text
    assert "version 2 (current)" in text

    older = page(browser.get(reverse("office:consent_text", args=[first.pk])))
    assert first.text_hash in older and "(version 2 is current)" in older
    assert "Gloved hands only" not in older


def test_publishing_shows_a_preview_then_makes_a_new_version_and_changes_no_consent(
    office_client, serena, alice_client
):
    given = sign(alice_client)
    current = current_document("intraoral")
    browser = office_client(serena)

    form = page(browser.get(PUBLISH))
    assert current.body.strip()[:60] in form  # prefilled with the current text
    assert 'name="renewal_required"' in form

    before = AuditEvent.objects.count()
    preview = browser.post(PUBLISH, form_data(renewal_required="on"))
    assert preview.status_code == 200
    shown = page(preview)
    assert "Check before publishing" in shown
    assert "<li>You can stop at any moment</li>" in shown
    assert sha256_of(NEW_BODY) in shown
    assert "Consents already given do not change." in shown
    assert "1 client whose consent counts today is asked to sign version 2" in shown
    assert ConsentDocument.objects.filter(kind="intraoral").count() == 1
    assert AuditEvent.objects.count() == before  # a preview writes nothing

    response = browser.post(PUBLISH, form_data(renewal_required="True", action="publish"))
    published = current_document("intraoral")
    assert response.status_code == 302
    assert response["Location"] == reverse("office:consent_text", args=[published.pk])
    assert (published.version, published.title, published.body) == (
        2,
        "Consent to intraoral work",
        NEW_BODY,
    )
    assert published.renewal_required and published.published_by == serena
    assert published.text_hash == sha256_of(NEW_BODY)
    [event] = AuditEvent.objects.filter(seq__gt=before)
    assert event.object_id == str(published.pk) and event.actor == serena
    given.refresh_from_db()
    assert (given.document_id, given.document_version) == (current.pk, 1)
    assert given.text_hash == current.text_hash == sha256_of(current.body)


def test_back_to_editing_keeps_what_was_typed(office_client, serena):
    response = office_client(serena).post(PUBLISH, form_data(action="edit", renewal_required="on"))
    assert response.status_code == 200
    text = page(response)
    assert NEW_BODY in text and "Preview" in text
    assert 'id="id_renewal_required" checked' in text
    assert ConsentDocument.objects.filter(kind="intraoral").count() == 1


@pytest.mark.parametrize(
    ("changes", "field_error", "kept"),
    [
        ({"title": ""}, "Please give the consent a title.", NEW_BODY),
        ({"body": "   "}, "Please write the text the client will read and sign.", "intraoral"),
        ({"title": "T" * 201}, "at most 200 characters", "T" * 201),
        ({"body": "x" * 20_001}, "at most 20000 characters", "x" * 20_001),
        ({"body": "Stop\x00here"}, "control character", "Consent to intraoral work"),
        ({"title": "One\ntwo"}, "Please write this on one line.", NEW_BODY),
    ],
)
@pytest.mark.parametrize("action", ["preview", "publish"])
def test_bad_input_gets_a_field_error_and_keeps_what_was_typed(
    office_client, serena, changes, field_error, kept, action
):
    response = office_client(serena).post(PUBLISH, form_data(action=action, **changes))
    assert response.status_code == 400
    text = page(response)
    assert field_error in text
    assert kept in text
    assert "Nothing you typed was lost." in text
    assert ConsentDocument.objects.filter(kind="intraoral").count() == 1


@pytest.mark.parametrize("action", ["preview", "publish"])
def test_the_current_text_word_for_word_is_refused(office_client, serena, action):
    current = current_document("intraoral")
    # Browsers send \r\n line breaks and the form strips the ends: still the same text.
    typed = current.body.replace("\n", "\r\n") + "\r\n"
    response = office_client(serena).post(PUBLISH, form_data(body=typed, action=action))
    assert response.status_code == 400
    assert "This is the text of version 1 word for word." in page(response)
    assert ConsentDocument.objects.filter(kind="intraoral").count() == 1


def test_it_refuses_to_publish_over_a_version_published_meanwhile(office_client, serena, pia):
    data = form_data(action="publish")  # started from version 1
    consent_document_publish(kind="intraoral", title="Pia's", body="Pia's words.", published_by=pia)
    response = office_client(serena).post(PUBLISH, data)
    assert response.status_code == 400
    assert "Version 2 of this consent was published while you were writing." in page(response)
    assert NEW_BODY in page(response)
    assert current_document("intraoral").body == "Pia's words."


def test_the_write_path_checks_the_text_itself(serena):
    with pytest.raises(ValidationError) as empty:
        consent_document_publish(kind="general", title=" ", body="", published_by=serena)
    assert set(empty.value.message_dict) == {"title", "body"}
    same = current_document("general")
    with pytest.raises(ValidationError) as identical:
        consent_document_publish(kind="general", title="New title", body=same.body)
    assert "word for word" in identical.value.message_dict["body"][0]
    with pytest.raises(ValidationError) as unknown:
        consent_document_publish(kind="feet", title="Feet", body="Text.")
    assert "kind" in unknown.value.message_dict
    assert ConsentDocument.objects.filter(kind="general").count() == 1


def test_every_practitioner_may_edit_the_practices_texts(office_client, pia):
    # The texts belong to the practice, not to a client: no health information on them.
    browser = office_client(pia)
    assert browser.get(TEXTS).status_code == 200
    assert browser.get(PUBLISH).status_code == 200


def _urls() -> list[str]:
    document = current_document("intraoral")
    return [TEXTS, reverse("office:consent_text", args=[document.pk]), PUBLISH]


def test_front_desk_gets_404_on_every_consent_text_screen(office_client, frank):
    browser = office_client(frank)
    for url in _urls():
        assert browser.get(url).status_code == 404, url
        assert browser.post(url, form_data(action="publish")).status_code == 404, url
    assert ConsentDocument.objects.filter(kind="intraoral").count() == 1


@pytest.mark.parametrize("who", ["alice", "mallory"])
def test_clients_get_404_on_every_consent_text_screen(client, who, request):
    client.force_login(request.getfixturevalue(who))
    for url in _urls():
        assert client.get(url).status_code == 404, url
        assert client.post(url, form_data(action="publish")).status_code == 404, url
    assert ConsentDocument.objects.filter(kind="intraoral").count() == 1


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for url in _urls():
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("account_login") + "?next=" + url
        assert client.post(url, form_data(action="publish")).status_code == 302
    assert ConsentDocument.objects.filter(kind="intraoral").count() == 1


def test_an_unknown_kind_or_version_is_404(office_client, serena):
    browser = office_client(serena)
    assert browser.get(reverse("office:consent_text_publish", args=["feet"])).status_code == 404
    missing = ConsentDocument.objects.order_by("-pk").first().pk + 100
    assert browser.get(reverse("office:consent_text", args=[missing])).status_code == 404


def test_the_office_links_the_screen_for_practitioners(office_client, serena):
    browser = office_client(serena)
    assert f'href="{TEXTS}"' in page(browser.get(reverse("office:intake_form")))
    assert f'href="{TEXTS}"' in page(browser.get(reverse("office:settings")))
