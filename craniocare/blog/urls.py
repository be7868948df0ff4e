from django.urls import path

from craniocare.core.caching import public_page

from . import views

app_name = "blog"

urlpatterns = [
    path("", views.post_list, name="list"),
    path("feed/", public_page(views.LatestPostsFeed()), name="feed"),
    path("tag/<slug:slug>/", views.tag_detail, name="tag"),
    path("<slug:slug>/", views.post_detail, name="detail"),
]
