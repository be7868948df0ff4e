"""The back office, mounted at /office/ (namespace "office"). Staff only, after MFA.

Each domain app routes its own office screens in its ``office_urls.py``, included here under its
path prefix and without a namespace of its own, so every name stays ``office:<name>``."""

from django.urls import include, path

from . import (
    outbox_views,
    settings_views,
    today_views,
    views,
)

app_name = "office"

urlpatterns = [
    path("", today_views.today, name="today"),
    path("", include("craniocare.bookings.office_urls")),  # calendar/, bookings/, feed/
    path("", include("craniocare.clinical.office_urls")),  # bookings/<id>/note/, notes/
    path("clients/", include("craniocare.clients.office_urls")),
    path("clients/", include("craniocare.audit.office_urls")),  # clients/<id>/audit/
    path("inbox/", include("craniocare.contact.office_urls")),
    path("waitlist/", include("craniocare.waitlist.office_urls")),
    path("availability/", include("craniocare.scheduling.office_urls")),
    path("services/", include("craniocare.catalog.office_urls")),
    path("intake/", include("craniocare.intake.office_urls")),  # answers, consents, the form
    path("settings/", settings_views.practice_settings, name="settings"),
    path("settings/practice/", settings_views.settings_practice, name="settings_practice"),
    path("settings/invite/", settings_views.settings_invite, name="settings_invite"),
    path("settings/staff/<int:staff_id>/", settings_views.settings_staff, name="settings_staff"),
    path(
        "settings/staff/<int:staff_id>/invite-again/",
        settings_views.settings_staff_reinvite,
        name="settings_staff_reinvite",
    ),
    path("outbox/", outbox_views.outbox, name="outbox"),
    path("outbox/<int:outbox_message_id>/", outbox_views.outbox_message, name="outbox_message"),
    path("outbox/<int:outbox_message_id>/retry/", outbox_views.outbox_retry, name="outbox_retry"),
    path(
        "outbox/<int:outbox_message_id>/cancel/", outbox_views.outbox_cancel, name="outbox_cancel"
    ),
    path("account/", views.account, name="account"),
    path("sign-out-everywhere/", views.sign_out_everywhere, name="sign_out_everywhere"),
]
