"""The office's Services screen, included by craniocare/office/urls.py under /office/services/
(in the "office" namespace: no namespace of its own, so the names stay ``office:services``…)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.services, name="services"),
    path("new/", views.service_new, name="service_new"),
    path("<int:service_id>/", views.service_edit, name="service_edit"),
    path("<int:service_id>/active/", views.service_active, name="service_active"),
]
