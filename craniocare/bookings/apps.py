from django.apps import AppConfig


class BookingsConfig(AppConfig):
    name = "craniocare.bookings"
    label = "bookings"
    verbose_name = "Bookings"

    def ready(self) -> None:
        # Scheduling's availability screen and write paths reach bookings through this hook
        # (craniocare/scheduling/hooks.py explains why it is inverted).
        from craniocare.scheduling.hooks import register_booked_time

        from .stranded import SchedulingBookings

        register_booked_time(SchedulingBookings())

        from craniocare.core.availability_version import practitioner_scope, track_availability

        from .models import Booking

        # Busy time changes free times (queryset updates bump in bookings/services.py).
        track_availability(Booking, lambda booking: [practitioner_scope(booking.practitioner_id)])

        from .own import register as register_record_section

        # The bookings section of a client's own record (craniocare/clients/records.py).
        register_record_section()
