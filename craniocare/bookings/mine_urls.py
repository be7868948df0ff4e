"""The signed-in client's page, mounted at /my-bookings/ by craniocare/urls.py.

The view is the bookings app's (it lists bookings), but the namespace stays "clients", so the
URL name stays ``clients:my_bookings`` everywhere it is used (sign-in redirect, header link)."""

from django.urls import path

from .views import mine

app_name = "clients"

urlpatterns = [
    path("", mine.my_bookings, name="my_bookings"),
]
