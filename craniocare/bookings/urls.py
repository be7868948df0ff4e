"""Booking pages under /bookings/. The flow starts at /book/ (`website:book`, the same app's
`views.book`); its later steps and the client's manage pages live here."""

from django.urls import path

from .views import flow, manage

app_name = "bookings"

urlpatterns = [
    path("new/details/", flow.details, name="details"),
    path("new/times/", flow.times, name="times"),
    path("new/review/", flow.review, name="review"),
    path("new/confirm/", flow.confirm, name="confirm"),
    path("<str:uid>/confirmed/", flow.confirmed, name="confirmed"),
    path("<str:uid>/manage/", manage.manage, name="manage"),
    path("<str:uid>/calendar.ics", manage.calendar_file, name="calendar"),
    path("<str:uid>/cancel/", manage.cancel, name="cancel"),
    path("<str:uid>/reschedule/", manage.reschedule, name="reschedule"),
]
