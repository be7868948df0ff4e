"""The public waitlist pages, mounted at /waitlist/ by craniocare/urls.py."""

from django.urls import path

from .views import public

app_name = "waitlist"

urlpatterns = [
    path("", public.join, name="join"),
    path("joined/", public.joined, name="joined"),
    path("offer/<str:token>/", public.offer, name="offer"),
    path("leave/<str:token>/", public.leave, name="leave"),
]
