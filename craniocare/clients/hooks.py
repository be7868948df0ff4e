"""What the clients app asks of the apps above it, without importing them.

The clinical record page (``office:client_clinical``) is the clients app's, but opening it must
write an audit event, and the audit app sits above clients in the layers. So the audit app
registers `record_viewed` from its ``AppConfig.ready()``; the page calls it once per view. The
page's sections (session notes, and later intake and consents) are template tags of the apps
that own them, loaded by templates/clients/office/client_clinical.html.

A registry instead of a signal: a missing receiver would silently skip the audit; this fails
loudly instead (see craniocare/scheduling/hooks.py for the same pattern).
"""

from __future__ import annotations

from typing import Protocol

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

from .models import Client

__all__ = ["RecordViewed", "record_viewed", "register_record_viewed"]


class RecordViewed(Protocol):
    def __call__(self, *, request: HttpRequest, client: Client, what: str) -> None:
        """Record that `request.user` opened `what` of `client`'s clinical record."""
        ...


_registered: list[RecordViewed] = []


def register_record_viewed(receiver: RecordViewed) -> None:
    """Called once by the audit app's ``ready()``; a second call replaces the first."""
    _registered[:] = [receiver]


def record_viewed(*, request: HttpRequest, client: Client, what: str) -> None:
    if not _registered:
        raise ImproperlyConfigured("No audit trail registered: is craniocare.audit installed?")
    _registered[0](request=request, client=client, what=what)
