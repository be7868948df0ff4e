from django.apps import AppConfig


class WaitlistConfig(AppConfig):
    name = "craniocare.waitlist"
    label = "waitlist"
    verbose_name = "Waitlist"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from craniocare.bookings.hooks import register_booking_listener
        from craniocare.outbox.schedule import register_periodic

        from .listeners import on_booking_changed
        from .matcher import waitlist_match

        # A cancelled or moved booking frees a time: offer it once the change commits.
        register_booking_listener(on_booking_changed)
        # New hours, expired offers and entries: the worker's sweep covers them.
        register_periodic("waitlist", waitlist_match)
