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
