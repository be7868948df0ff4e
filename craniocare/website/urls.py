from django.urls import path

from . import views

app_name = "website"

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("services/", views.services, name="services"),
    path("what-to-expect/", views.what_to_expect, name="what_to_expect"),
    path("faq/", views.faq, name="faq"),
]
