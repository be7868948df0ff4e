"""The signed-in client's page, mounted at /my-bookings/ (namespace "clients")."""

from django.urls import path

from . import views

app_name = "clients"

urlpatterns = [
    path("", views.my_bookings, name="my_bookings"),
]
