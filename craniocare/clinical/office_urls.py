"""The office's session-note screens, included by craniocare/office/urls.py at /office/ (in the
"office" namespace, without one of their own: the names stay ``office:session_note``…)."""

from django.urls import path

from . import restricted_views, views

urlpatterns = [
    path("bookings/<int:booking_id>/note/", views.session_note, name="session_note"),
    path(
        "bookings/<int:booking_id>/note/start/",
        views.session_note_start,
        name="session_note_start",
    ),
    path("bookings/<int:booking_id>/note/sign/", views.session_note_sign, name="session_note_sign"),
    path(
        "bookings/<int:booking_id>/note/addendum/",
        views.session_note_addendum,
        name="session_note_addendum",
    ),
    path("notes/templates/", views.note_templates, name="note_templates"),
    path(
        "clients/<int:client_id>/restrict/",
        restricted_views.client_restrict_view,
        name="client_restrict",
    ),
    path(
        "clients/<int:client_id>/open-restricted/",
        restricted_views.client_open_restricted,
        name="client_open_restricted",
    ),
    path(
        "clients/<int:client_id>/lift-restriction/",
        restricted_views.client_restriction_lift_view,
        name="client_restriction_lift",
    ),
    path("clients/restricted/", restricted_views.restricted_records, name="restricted_records"),
]
