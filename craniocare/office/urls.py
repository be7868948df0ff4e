"""The back office, mounted at /office/ (namespace "office"). Staff only, after MFA."""

from django.urls import include, path

from craniocare.scheduling import office_urls as scheduling_office_urls

from . import (
    calendar_views,
    clients_views,
    feed_views,
    inbox_views,
    services_views,
    settings_views,
    today_views,
    views,
)

app_name = "office"

urlpatterns = [
    path("", today_views.today, name="today"),
    path("calendar/", calendar_views.calendar, name="calendar"),
    path("bookings/new/", calendar_views.booking_new, name="booking_new"),
    path("bookings/client-search/", calendar_views.client_search, name="booking_client_search"),
    path("bookings/<int:booking_id>/", calendar_views.booking_detail, name="booking"),
    path("bookings/<int:booking_id>/move/", calendar_views.booking_move, name="booking_move"),
    path(
        "bookings/<int:booking_id>/outcome/", calendar_views.booking_outcome, name="booking_outcome"
    ),
    path(
        "bookings/<int:booking_id>/cancel/",
        calendar_views.booking_cancel_view,
        name="booking_cancel",
    ),
    path("clients/", clients_views.clients, name="clients"),
    path("clients/<int:client_id>/", clients_views.client_detail, name="client"),
    path("clients/<int:client_id>/notes/", clients_views.client_notes, name="client_notes"),
    path("clients/<int:client_id>/merge/", clients_views.client_merge_view, name="client_merge"),
    path("clients/<int:client_id>/clinical/", views.client_clinical, name="client_clinical"),
    path("inbox/", inbox_views.inbox, name="inbox"),
    path("inbox/<int:message_id>/", inbox_views.inbox_message, name="inbox_message"),
    path("inbox/<int:message_id>/reply/", inbox_views.inbox_reply, name="inbox_reply"),
    path("inbox/<int:message_id>/status/", inbox_views.inbox_status, name="inbox_status"),
    path("inbox/<int:message_id>/link/", inbox_views.inbox_link, name="inbox_link"),
    path("", include(scheduling_office_urls)),
    path("services/", services_views.services, name="services"),
    path("services/new/", services_views.service_new, name="service_new"),
    path("services/<int:service_id>/", services_views.service_edit, name="service_edit"),
    path("services/<int:service_id>/active/", services_views.service_active, name="service_active"),
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
    path("feed/", feed_views.feed_settings, name="feed"),
    path("sign-out-everywhere/", views.sign_out_everywhere, name="sign_out_everywhere"),
]
