"""The client's intake and consent pages (namespace "intake"), included at the site root:
/intake/<token>/... and /consent/<token>/<kind>/."""

from django.urls import path

from .views import public

app_name = "intake"

urlpatterns = [
    path("intake/<str:token>/", public.overview, name="overview"),
    path("intake/<str:token>/section/<slug:key>/", public.section, name="section"),
    path("intake/<str:token>/review/", public.review, name="review"),
    path("consent/<str:token>/<slug:kind>/", public.consent, name="consent"),
]
