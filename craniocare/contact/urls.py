from django.urls import path

from .views import public

app_name = "contact"

urlpatterns = [
    path("", public.contact_form, name="form"),
    path("thanks/", public.thanks, name="thanks"),
]
