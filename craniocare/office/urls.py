"""The back office, mounted at /office/ (namespace "office"). Staff only, after MFA."""

from django.urls import path

from . import feed_views, views

app_name = "office"

urlpatterns = [
    path("", views.today, name="today"),
    path("calendar/", views.calendar, name="calendar"),
    path("clients/", views.clients, name="clients"),
    path("clients/<int:client_id>/", views.client_detail, name="client"),
    path("clients/<int:client_id>/clinical/", views.client_clinical, name="client_clinical"),
    path("inbox/", views.inbox, name="inbox"),
    path("availability/", views.availability, name="availability"),
    path("services/", views.services, name="services"),
    path("settings/", views.practice_settings, name="settings"),
    path("account/", views.account, name="account"),
    path("feed/", feed_views.feed_settings, name="feed"),
    path("sign-out-everywhere/", views.sign_out_everywhere, name="sign_out_everywhere"),
]
