from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from django.views.static import serve as serve_file

from craniocare.accounts import views as account_views
from craniocare.api.api import api as api_v1
from craniocare.api.api import unknown_path as api_v1_unknown_path
from craniocare.blog.sitemaps import PostSitemap, TagSitemap
from craniocare.bookings.views import feed as feed_views
from craniocare.core import views as core_views
from craniocare.outbox import health
from craniocare.website.sitemaps import StaticPageSitemap

sitemaps = {"pages": StaticPageSitemap, "articles": PostSitemap, "tags": TagSitemap}

urlpatterns = [
    path("", include("craniocare.website.urls")),
    path("articles/", include("craniocare.blog.urls")),
    path("contact/", include("craniocare.contact.urls")),
    path("", include("craniocare.bookings.urls")),  # /book/ and /bookings/...
    path("", include("craniocare.intake.urls")),  # /intake/<token>/, /consent/<token>/<kind>/
    path("waitlist/", include("craniocare.waitlist.urls")),
    path("api/v1/", api_v1.urls),
    re_path(r"^api/v1/(?P<path>.*)$", api_v1_unknown_path),  # after every real API address
    # Before allauth's own URLs: only a confirmed address can become the primary one.
    path("accounts/email/", account_views.email_addresses, name="account_email"),
    path("portal/", include("craniocare.portal.urls")),  # a signed-in client's sessions and records
    # The portal's former address (links in older emails and bookmarks).
    path(
        "my-bookings/",
        RedirectView.as_view(pattern_name="portal:home", permanent=True, query_string=True),
        name="my_bookings",
    ),
    path("accounts/", include("allauth.urls")),  # sign-in, password reset, MFA
    path("office/", include("craniocare.office.urls")),  # the back office (staff, MFA)
    # A practitioner's calendar feed: the secret token is the credential (bookings/feed.py).
    path("calendar-feed/<str:token>.ics", feed_views.calendar_feed, name="calendar_feed"),
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("healthz", health.healthz, name="healthz"),
    # Uploaded images (article covers). A proxy in front may serve /media/ itself.
    re_path(r"^media/(?P<path>.*)$", serve_file, {"document_root": settings.MEDIA_ROOT}),
]

# allauth's rate-limit refusals (sign-in from one address too often) say what is paused.
handler429 = "craniocare.accounts.views.rate_limited"
