"""The Django admin as a staff area behind MFA (the default admin site; see apps.StaffAdminConfig).

StaffAccessMiddleware already guards /admin/; this makes the admin itself agree: its own sign-in
form (which would skip MFA and login throttling) sends people to the site's sign-in instead, and
only staff who passed MFA in this session have permission.
"""

from __future__ import annotations

from typing import Any

from django.contrib.admin import AdminSite
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from . import sessions
from .permissions import is_staff_member


class StaffAdminSite(AdminSite):
    site_header = "CranioCare administration"
    site_title = "CranioCare"

    def has_permission(self, request: HttpRequest) -> bool:
        return is_staff_member(request.user) and sessions.mfa_passed(request)

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        next_url = request.GET.get("next") or reverse("admin:index", current_app=self.name)
        return redirect_to_login(next_url, reverse("account_login"))
