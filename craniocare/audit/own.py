"""The client's own access log in their record (craniocare/clients/records.py): who opened,
changed, signed, exported or printed their record, and when; the JSON and printable section and
its FHIR R4 AuditEvent resources.

Who is "You" for the client's own sign-in, the staff member's name otherwise ("The practice"
for the system). Left out: the address an event came from (staff addresses are the practice's
business, not the client's) and the event's free-text detail, written for the practice and
free to name other people (a merge of two records names both); what happened is said from the
action and the kind of thing it was done to.

Read from the client's own events (``client=client``): nothing of anyone else.
"""

from __future__ import annotations

import functools
from typing import Any

from django.apps import apps

from craniocare.accounts.permissions import is_practitioner
from craniocare.clients.models import Client
from craniocare.clients.records import (
    FhirRefs,
    RecordWriter,
    record_moment,
    record_when,
    record_zone,
    register_record_section,
)

from .models import CLIENT_LINK_LABEL, Action, AuditEvent

VERBS: dict[str, str] = {
    Action.VIEW: "Viewed",
    Action.CREATE: "Created",
    Action.CHANGE: "Changed",
    Action.SIGN: "Signed",
    Action.ADDENDUM: "Added an addendum to",
    Action.EXPORT: "Downloaded",
    Action.PRINT: "Printed",
    Action.RESTRICT: "Restricted",
    Action.PURGE: "Removed",
}
# FHIR R4 AuditEvent.action: Create, Read, Update, Delete, Execute.
FHIR_ACTIONS: dict[str, str] = {
    Action.VIEW: "R",
    Action.CREATE: "C",
    Action.CHANGE: "U",
    Action.SIGN: "U",
    Action.ADDENDUM: "C",
    Action.EXPORT: "R",
    Action.PRINT: "R",
    Action.RESTRICT: "U",
    Action.PURGE: "D",
}


def _events(client: Client) -> list[AuditEvent]:
    return list(AuditEvent.objects.for_client(client).select_related("actor").order_by("seq"))


def who_for_client(event: AuditEvent, client: Client) -> str:
    """Who did it, in the words the client reads (their export and their portal access log):
    "You" for their own sign-in or their own link, their practitioner by name, and "The
    practice" for anyone or anything else (front desk, the system)."""
    if event.actor_id is None:
        own = {client.name, client.email, CLIENT_LINK_LABEL} - {""}
        return "You" if event.actor_label in own else "The practice"
    if client.user_id is not None and event.actor_id == client.user_id:
        return "You"
    actor: Any = event.actor
    if actor is not None and is_practitioner(actor):
        return str(actor.get_full_name() or "Your practitioner")
    return "The practice"


@functools.cache
def _thing_named(object_type: str) -> str:
    if not object_type:
        return "your record"
    try:
        name = str(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return "your record"
    return f"a {name}" if name[:1] not in "aeiou" else f"an {name}"


def _thing(event: AuditEvent) -> str:
    return _thing_named(event.object_type)


def _what(event: AuditEvent) -> str:
    return f"{VERBS.get(event.action, 'Used')} {_thing(event)}"


def record_access_log(client: Client) -> list[dict[str, Any]]:
    zone = record_zone()
    return [
        {
            "who": who_for_client(event, client),
            "what": _what(event),
            "action": event.action,
            "at": event.at.isoformat(),
            "when": record_when(event.at, zone),
            "moment": record_moment(event.at, zone),
        }
        for event in _events(client)
    ]


def write_access_log(writer: RecordWriter, rows: list[dict[str, Any]]) -> None:
    if not rows:
        writer.note("Nobody has opened your record yet.")
        return
    writer.note("Times are on the practice's clock.")
    writer.fields([(row["moment"], f"{row['who']}: {row['what']}") for row in rows])


def access_log_summary(client: Client) -> str:
    count = AuditEvent.objects.for_client(client).count()
    return f"{count} recorded access{'es' if count != 1 else ''} to your record."


def access_log_fhir(client: Client, refs: FhirRefs) -> list[dict[str, Any]]:
    """One AuditEvent per event of the client's trail (no network addresses)."""
    resources = []
    for event in _events(client):
        who = who_for_client(event, client)
        if who == "You":
            agent_who: dict[str, str] = {**refs.patient, "display": client.name}
        elif event.actor is not None:
            agent_who = refs.practitioner(event.actor)
        else:
            agent_who = {"display": who}
        resources.append(
            {
                "resourceType": "AuditEvent",
                "type": {
                    "system": "http://dicom.nema.org/resources/ontology/DCM",
                    "code": "110110",
                    "display": "Patient Record",
                },
                "action": FHIR_ACTIONS.get(event.action, "E"),
                "recorded": event.at.isoformat(),
                "outcome": "0",
                "outcomeDesc": _what(event),
                "agent": [{"who": agent_who, "requestor": True}],
                "source": {"observer": {"display": "CranioCare"}},
                "entity": [{"what": refs.patient}],
            }
        )
    return resources


def register() -> None:
    register_record_section(
        "access_log",
        title="Who opened your record",
        description=(
            "Each time your record was opened, changed, signed, downloaded or printed: who "
            "(you, or the practitioner by name) and when."
        ),
        collect=record_access_log,
        render=write_access_log,
        summary=access_log_summary,
        order=90,
        fhir=access_log_fhir,
    )
