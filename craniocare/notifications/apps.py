from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "craniocare.notifications"
    label = "notifications"
    verbose_name = "Reminders"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Bookings and the outbox sit below this app: they call it through their hooks.
        from craniocare.bookings.hooks import register_booking_listener
        from craniocare.outbox.schedule import register_periodic

        from .hooks import owed_client_links, register_reminder_extras
        from .services import reminders_on_booking_changed, reminders_send_due

        register_booking_listener(reminders_on_booking_changed)
        register_periodic("reminders", reminders_send_due)
        # The intake form and consents still owed (intake's links, through bookings' registry).
        register_reminder_extras(owed_client_links)
