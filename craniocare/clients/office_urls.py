"""The office's client screens, included by craniocare/office/urls.py under /office/clients/ (in
the "office" namespace: no namespace of its own, so the names stay ``office:clients``…)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.clients, name="clients"),
    path("<int:client_id>/", views.client_detail, name="client"),
    path("<int:client_id>/notes/", views.client_notes, name="client_notes"),
    path("<int:client_id>/texts/", views.client_sms_consent, name="client_sms_consent"),
    path("<int:client_id>/birth-date/", views.client_date_of_birth, name="client_date_of_birth"),
    path("<int:client_id>/merge/", views.client_merge_view, name="client_merge"),
    path("<int:client_id>/clinical/", views.client_clinical, name="client_clinical"),
]
