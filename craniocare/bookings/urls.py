"""Booking pages under /bookings/. The flow starts at /book/ (`website:book`, the same app's
`views.book`); its later steps and the client's manage pages live here."""

from django.urls import path

from . import manage_views, views

app_name = "bookings"

urlpatterns = [
    path("new/details/", views.details, name="details"),
    path("new/times/", views.times, name="times"),
    path("new/review/", views.review, name="review"),
    path("new/confirm/", views.confirm, name="confirm"),
    path("<str:uid>/confirmed/", views.confirmed, name="confirmed"),
    path("<str:uid>/manage/", manage_views.manage, name="manage"),
    path("<str:uid>/calendar.ics", manage_views.calendar_file, name="calendar"),
    path("<str:uid>/cancel/", manage_views.cancel, name="cancel"),
    path("<str:uid>/reschedule/", manage_views.reschedule, name="reschedule"),
]
