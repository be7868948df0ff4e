"""The public booking pages: the flow starts at /book/ (`bookings:book`), its later steps and
the client's manage pages live under /bookings/. Mounted at the site's root by craniocare/urls.py.
"""

from django.urls import path

from .views import flow, manage

app_name = "bookings"

urlpatterns = [
    path("book/", flow.book, name="book"),
    path("bookings/new/details/", flow.details, name="details"),
    path("bookings/new/times/", flow.times, name="times"),
    path("bookings/new/review/", flow.review, name="review"),
    path("bookings/new/confirm/", flow.confirm, name="confirm"),
    path("bookings/<str:uid>/confirmed/", flow.confirmed, name="confirmed"),
    path("bookings/<str:uid>/manage/", manage.manage, name="manage"),
    path("bookings/<str:uid>/calendar.ics", manage.calendar_file, name="calendar"),
    path("bookings/<str:uid>/cancel/", manage.cancel, name="cancel"),
    path("bookings/<str:uid>/reschedule/", manage.reschedule, name="reschedule"),
]
