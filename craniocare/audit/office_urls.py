"""The office's audit screen, included by craniocare/office/urls.py under /office/clients/ (in
the "office" namespace: the name stays ``office:client_audit``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("<int:client_id>/audit/", views.client_audit, name="client_audit"),
]
