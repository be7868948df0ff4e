"""The client portal, mounted at /portal/ by craniocare/urls.py."""

from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("record.json", views.record_download, {"form": "json"}, name="record_json"),
    path("record.pdf", views.record_download, {"form": "pdf"}, name="record_pdf"),
    path("record.fhir.json", views.record_download, {"form": "fhir"}, name="record_fhir"),
    path("access/", views.access_log, name="access_log"),
]
