"""{% cancellation_policy service %} renders the policy block (bookings/_cancellation_policy.html);
{% cancellation_policy_text service %} gives it as plain text for emails.

Pass a list of services for the services page; `cutoff=False` where the page already states
the cutoff with the session's own deadline; `any_session=True` to speak of sessions in general
("a session") rather than this one (the cancellation email)."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from craniocare.bookings.policy import CancellationPolicy, cancellation_policy
from craniocare.catalog.models import Service

register = template.Library()


def _policy(services: Service | Iterable[Service], any_session: bool) -> CancellationPolicy:
    return cancellation_policy(services, one_session=False if any_session else None)


@register.inclusion_tag("bookings/_cancellation_policy.html", name="cancellation_policy")
def cancellation_policy_block(
    services: Service | Iterable[Service], cutoff: bool = True, any_session: bool = False
) -> dict[str, object]:
    return {"policy": _policy(services, any_session), "show_cutoff": cutoff}


@register.simple_tag
def cancellation_policy_text(
    services: Service | Iterable[Service], cutoff: bool = True, any_session: bool = False
) -> str:
    policy = _policy(services, any_session)
    return policy.plain if cutoff else policy.text
