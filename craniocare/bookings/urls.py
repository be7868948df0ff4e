from django.urls import path

from . import views

app_name = "bookings"

urlpatterns = [
    path("<str:uid>/manage/", views.manage, name="manage"),
]
