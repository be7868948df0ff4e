"""The office's Waitlist screens, included by craniocare/office/urls.py under /office/waitlist/
(no namespace of their own, so the names stay ``office:waitlist``...)."""

from django.urls import path

from .views import office

urlpatterns = [
    path("", office.waitlist, name="waitlist"),
    path("services/<int:service_id>/", office.waitlist_service, name="waitlist_service"),
    path("entries/<int:entry_id>/offer/", office.waitlist_offer, name="waitlist_offer"),
    path("entries/<int:entry_id>/remove/", office.waitlist_remove, name="waitlist_remove"),
]
