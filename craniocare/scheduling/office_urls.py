"""The availability screen's URLs, included by craniocare/office/urls.py without a namespace of
their own: the names stay in the "office" namespace (``office:availability``, ...)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.availability, name="availability"),
    path("weekly/", views.availability_weekly, name="availability_weekly"),
    path("overrides/", views.availability_override, name="availability_override"),
    path(
        "availability/overrides/remove/",
        views.availability_override_delete,
        name="availability_override_delete",
    ),
    path("holidays/", views.availability_holiday, name="availability_holiday"),
    path("time-off/", views.availability_time_off, name="availability_time_off"),
    path(
        "availability/time-off/remove/",
        views.availability_time_off_delete,
        name="availability_time_off_delete",
    ),
]
