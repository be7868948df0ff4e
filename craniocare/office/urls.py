"""The back office, mounted at /office/ (namespace "office"). Staff only, after MFA.

Each domain app routes its own office screens in its ``office_urls.py``, included here under its
path prefix and without a namespace of its own, so every name stays ``office:<name>``."""

from django.urls import include, path

from . import (
    availability_views,
    settings_views,
    today_views,
    views,
)

app_name = "office"

urlpatterns = [
    path("", today_views.today, name="today"),
    path("", include("craniocare.bookings.office_urls")),  # calendar/, bookings/, feed/
    path("clients/", include("craniocare.clients.office_urls")),
    path("inbox/", include("craniocare.contact.office_urls")),
    path("availability/", availability_views.availability, name="availability"),
    path(
        "availability/weekly/", availability_views.availability_weekly, name="availability_weekly"
    ),
    path(
        "availability/overrides/",
        availability_views.availability_override,
        name="availability_override",
    ),
    path(
        "availability/overrides/remove/",
        availability_views.availability_override_delete,
        name="availability_override_delete",
    ),
    path(
        "availability/holidays/",
        availability_views.availability_holiday,
        name="availability_holiday",
    ),
    path(
        "availability/time-off/",
        availability_views.availability_time_off,
        name="availability_time_off",
    ),
    path(
        "availability/time-off/remove/",
        availability_views.availability_time_off_delete,
        name="availability_time_off_delete",
    ),
    path("services/", include("craniocare.catalog.office_urls")),
    path("settings/", settings_views.practice_settings, name="settings"),
    path("settings/practice/", settings_views.settings_practice, name="settings_practice"),
    path("settings/invite/", settings_views.settings_invite, name="settings_invite"),
    path("settings/staff/<int:staff_id>/", settings_views.settings_staff, name="settings_staff"),
    path(
        "settings/staff/<int:staff_id>/invite-again/",
        settings_views.settings_staff_reinvite,
        name="settings_staff_reinvite",
    ),
    path("account/", views.account, name="account"),
    path("sign-out-everywhere/", views.sign_out_everywhere, name="sign_out_everywhere"),
]
