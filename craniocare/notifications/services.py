"""The write paths of reminders: schedule a booking's reminders, cancel them, and send those that
are due (the worker's periodic job). Each runs in one transaction; the booking listener runs
inside the booking's own transaction, so reminders change with the booking or not at all."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from craniocare.bookings.hooks import BookingEvent
from craniocare.bookings.models import Booking, Status
from craniocare.core.models import (
    REMINDER_OFFSET_MAX_HOURS,
    REMINDER_OFFSET_MIN_HOURS,
    PracticeProfile,
)
from craniocare.outbox.models import Message
from craniocare.outbox.services import message_cancel, outbox_enqueue, sms_enqueue
from craniocare.outbox.sms import sms_enabled

from .messages import reminder_email, reminder_text
from .models import Reminder
from .selectors import due_reminders

logger = logging.getLogger("craniocare.notifications")

SCAN_LIMIT = 500


def reminder_offsets(practice: PracticeProfile) -> list[int]:
    """The practice's offsets in hours, largest first (anything out of bounds ignored)."""
    raw = (
        practice.reminder_offsets_hours if isinstance(practice.reminder_offsets_hours, list) else []
    )
    hours = {
        value
        for value in raw
        if isinstance(value, int)
        and REMINDER_OFFSET_MIN_HOURS <= value <= REMINDER_OFFSET_MAX_HOURS
    }
    return sorted(hours, reverse=True)


def texts_allowed(practice: PracticeProfile) -> bool:
    """Texts are on for this installation (SMS_ENABLED) and the practice (Settings)."""
    return sms_enabled() and practice.sms_reminders


def reminders_schedule(*, booking: Booking, now: datetime | None = None) -> list[Reminder]:
    """Create the booking's reminders: one per offset and channel, due at the session's start
    minus the offset (an absolute instant). An offset already past (a booking made inside it)
    gets no reminder: none is ever sent late."""
    now = now or timezone.now()
    if booking.status != Status.CONFIRMED:
        return []
    practice = PracticeProfile.load()
    channels = [Reminder.Channel.EMAIL]
    if texts_allowed(practice):
        channels.append(Reminder.Channel.SMS)
    rows = []
    for hours in reminder_offsets(practice):
        due_at = booking.start - timedelta(hours=hours)
        if due_at <= now:
            continue
        for channel in channels:
            if channel == Reminder.Channel.EMAIL and not booking.client_email:
                continue  # booked by phone without an address: texts only, if any
            reminder = Reminder(
                booking=booking,
                offset_hours=hours,
                channel=channel,
                session_start=booking.start,
                due_at=due_at,
            )
            reminder.full_clean(exclude=["booking", "message"], validate_constraints=False)
            rows.append(reminder)
    with transaction.atomic():
        return Reminder.objects.bulk_create(rows)


def reminders_cancel(*, booking: Booking, now: datetime | None = None) -> int:
    """Cancel the booking's reminders that have not gone out: pending ones, and queued ones
    whose outbox message is still waiting (that message is cancelled too). Returns how many."""
    now = now or timezone.now()
    with transaction.atomic():
        cancelled = Reminder.objects.filter(booking=booking, status=Reminder.Status.PENDING).update(
            status=Reminder.Status.CANCELLED, handled_at=now
        )
        waiting = Reminder.objects.filter(
            booking=booking,
            status=Reminder.Status.QUEUED,
            message__status__in=[Message.Status.QUEUED, Message.Status.FAILED],
        ).select_related("message")
        for reminder in waiting:
            assert reminder.message is not None
            if message_cancel(message=reminder.message):
                cancelled += Reminder.objects.filter(
                    pk=reminder.pk, status=Reminder.Status.QUEUED
                ).update(status=Reminder.Status.CANCELLED, handled_at=now)
    return cancelled


def reminders_on_booking_changed(booking: Booking, event: BookingEvent, *, notify: bool) -> None:
    """The booking listener (registered in apps.py): reminders follow the booking. With
    notify=False (the demo's invented bookings) nothing is scheduled."""
    if event == "created":
        if notify:
            reminders_schedule(booking=booking)
    elif event == "rescheduled":
        reminders_cancel(booking=booking)
        if notify:
            reminders_schedule(booking=booking)
    elif event == "cancelled":
        reminders_cancel(booking=booking)


def _why_not(reminder: Reminder, booking: Booking, now: datetime) -> str:
    """Why a due reminder must not go out ("" when it may)."""
    if booking.status != Status.CONFIRMED:
        return "The booking is no longer confirmed."
    if booking.start != reminder.session_start:
        return "The session has moved."
    if booking.start <= now:
        return "The session has already started."
    later_also_due = Reminder.objects.filter(
        booking_id=booking.pk,
        channel=reminder.channel,
        status=Reminder.Status.PENDING,
        session_start=reminder.session_start,
        offset_hours__lt=reminder.offset_hours,
        due_at__lte=now,
    ).exists()
    if later_also_due:
        return "A later reminder is due as well; only that one is sent."
    if reminder.channel == Reminder.Channel.EMAIL:
        return "" if booking.client_email else "No email address."
    if not texts_allowed(PracticeProfile.load()):
        return "Text messages are switched off."
    if not _phone(booking):
        return "No phone number."
    if not booking.client.sms_consent:
        return "The client has not agreed to text messages."
    return ""


def _phone(booking: Booking) -> str:
    return (booking.client.phone or booking.client_phone).strip()


def reminder_send(*, reminder_id: int, booking_id: int, now: datetime) -> bool:
    """Claim one due reminder and queue its message, in one transaction. The booking row is
    locked first (as its write paths do), so a reschedule or cancellation either happens before
    (and this reminder is skipped) or after (and cancels the queued message). Returns whether a
    message was queued."""
    with transaction.atomic():
        booking = Booking.objects.select_for_update().filter(pk=booking_id).first()
        claimed = Reminder.objects.filter(
            pk=reminder_id, status=Reminder.Status.PENDING, due_at__lte=now
        ).update(status=Reminder.Status.QUEUED, handled_at=now)
        if claimed != 1 or booking is None:
            return False  # another worker has it
        reminder = Reminder.objects.get(pk=reminder_id)
        reason = _why_not(reminder, booking, now)
        if reason:
            Reminder.objects.filter(pk=reminder_id).update(
                status=Reminder.Status.SKIPPED, skip_reason=reason
            )
            return False
        reminder.booking = booking
        if reminder.channel == Reminder.Channel.EMAIL:
            message = outbox_enqueue(
                reminder_email(booking), kind="booking_reminder", key=reminder.outbox_key
            )
        else:
            message = sms_enqueue(
                phone=_phone(booking),
                text=reminder_text(booking),
                kind="booking_reminder_sms",
                key=reminder.outbox_key,
            )
        Reminder.objects.filter(pk=reminder_id).update(message=message)
        return message is not None


def reminders_send_due(*, now: datetime | None = None, limit: int = SCAN_LIMIT) -> int:
    """The periodic job: queue every reminder that is due. Safe to run twice at once (each
    reminder is claimed with a conditional UPDATE). Returns how many messages were queued."""
    now = now or timezone.now()
    queued = 0
    for reminder_id, booking_id in due_reminders(now=now, limit=limit):
        if reminder_send(reminder_id=reminder_id, booking_id=booking_id, now=now):
            queued += 1
    return queued
