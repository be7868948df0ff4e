"""The office's bookings screens, included by craniocare/office/urls.py at /office/ (in the
"office" namespace: no namespace of its own, so the names stay ``office:calendar``…). They sit
under three prefixes of their own (calendar/, bookings/, feed/), so the include has none."""

from django.urls import path

from .views import calendar, feed, office_booking

urlpatterns = [
    path("calendar/", calendar.calendar, name="calendar"),
    path("bookings/new/", office_booking.booking_new, name="booking_new"),
    path("bookings/client-search/", office_booking.client_search, name="booking_client_search"),
    path("bookings/<int:booking_id>/", office_booking.booking_detail, name="booking"),
    path("bookings/<int:booking_id>/move/", office_booking.booking_move, name="booking_move"),
    path(
        "bookings/<int:booking_id>/outcome/",
        office_booking.booking_outcome,
        name="booking_outcome",
    ),
    path(
        "bookings/<int:booking_id>/cancel/",
        office_booking.booking_cancel_view,
        name="booking_cancel",
    ),
    path("feed/", feed.feed_settings, name="feed"),
]
