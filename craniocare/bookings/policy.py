"""The cancellation policy as clients read it: the service's online cutoff in plain words, then
the practice's own text from Settings (PracticeProfile.cancellation_policy), if any.

Every page and email that shows the policy gets its words from here, through the
`cancellation_policy` template tags (templatetags/booking_policy.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from craniocare.catalog.models import Service
from craniocare.core.models import PracticeProfile

__all__ = ["CancellationPolicy", "cancellation_policy", "cutoff_words"]


@dataclass(frozen=True)
class CancellationPolicy:
    cutoff: str  # "You can cancel or move this session online until 24 hours before it starts."
    text: str  # the practice's own words; "" when it has none

    @property
    def plain(self) -> str:
        """Both, as plain text (emails)."""
        return "\n\n".join(part for part in (self.cutoff, self.text) if part)


def cutoff_words(hours: int) -> str:
    """24 -> "24 hours before it starts"; 48 -> "2 days before it starts"; 0 -> "it starts"."""
    if hours <= 0:
        return "it starts"
    if hours == 1:
        amount = "1 hour"
    elif hours % 24 == 0 and hours >= 48:
        amount = f"{hours // 24} days"
    else:
        amount = f"{hours} hours"
    return f"{amount} before it starts"


def _cutoff_sentence(services: list[Service], *, one_session: bool) -> str:
    if not services:
        return ""
    if one_session:
        words = cutoff_words(services[0].cancellation_cutoff_hours)
        return f"You can cancel or move this session online until {words}."
    by_hours: dict[int, list[str]] = {}
    for service in services:
        by_hours.setdefault(service.cancellation_cutoff_hours, []).append(service.name)
    # The cutoff most services share is the rule; the others are named as exceptions.
    usual, *others = sorted(by_hours, key=lambda hours: (-len(by_hours[hours]), hours))
    sentence = f"You can cancel or move a session online until {cutoff_words(usual)}"
    exceptions = "; ".join(
        f"{', '.join(by_hours[hours])}: until {cutoff_words(hours)}" for hours in others
    )
    return f"{sentence} ({exceptions})." if exceptions else f"{sentence}."


def cancellation_policy(
    services: Service | Iterable[Service], *, one_session: bool | None = None
) -> CancellationPolicy:
    """The policy for one service ("this session"), or for several (the services page)."""
    listed = [services] if isinstance(services, Service) else list(services)
    if one_session is None:
        one_session = isinstance(services, Service)
    text = PracticeProfile.load().cancellation_policy.strip()
    return CancellationPolicy(cutoff=_cutoff_sentence(listed, one_session=one_session), text=text)
