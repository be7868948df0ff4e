"""The office inbox, included by craniocare/office/urls.py under /office/inbox/ (in the "office"
namespace: no namespace of its own, so the names stay ``office:inbox``…)."""

from django.urls import path

from .views import inbox

urlpatterns = [
    path("", inbox.inbox, name="inbox"),
    path("<int:message_id>/", inbox.inbox_message, name="inbox_message"),
    path("<int:message_id>/reply/", inbox.inbox_reply, name="inbox_reply"),
    path("<int:message_id>/status/", inbox.inbox_status, name="inbox_status"),
    path("<int:message_id>/link/", inbox.inbox_link, name="inbox_link"),
]
