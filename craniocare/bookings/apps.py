from django.apps import AppConfig


class BookingsConfig(AppConfig):
    name = "craniocare.bookings"
    label = "bookings"
    verbose_name = "Bookings"
