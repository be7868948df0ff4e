"""The portal in a real browser on a phone: a client asks for a code, reads it from the email
(a real SMTP server), signs in, sees her sessions and downloads her record as a PDF. Every page
is checked with axe-core and kept as a screenshot at 390 and 1280 px (tmp/screenshots/)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.browsing import serious_axe_violations
from tests.portal.helpers import code_in, delivered

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page: Any, screenshots_dir: Any, name: str, width: int) -> None:
    page.screenshot(path=str(screenshots_dir / f"{name}-{width}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "no sideways scroll"
    assert serious_axe_violations(page) == []


@pytest.mark.parametrize("width", [390, 1280])
def test_a_client_signs_in_by_code_sees_her_sessions_and_downloads_her_record(
    live_server, schedules, smtp_server, request, width, screenshots_dir
):
    page = request.getfixturevalue("phone_page" if width == 390 else "desktop_page")
    page.goto(live_server.url + reverse("portal:home"))
    page.wait_for_url("**/accounts/login/code/**")
    assert page.get_by_role("heading", level=1).inner_text() == "Sign in with a code"
    check(page, screenshots_dir, "portal-request-code", width)

    page.get_by_label("Email address").fill("alice@example.com")
    page.get_by_role("button", name="Email me a code").click()
    page.wait_for_url(f"**{reverse('account_confirm_login_code')}**")
    assert page.get_by_role("heading", level=1).inner_text() == "Enter your code"
    check(page, screenshots_dir, "portal-enter-code", width)

    [message] = delivered(smtp_server, 1)
    page.get_by_label("Code").fill(code_in(message))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**{reverse('portal:home')}")
    assert page.get_by_role("heading", level=1).inner_text() == "Your sessions and records"
    assert page.get_by_role("link", name="View, move or cancel").count() == 2
    assert page.get_by_text("Bob").count() == 0
    check(page, screenshots_dir, "portal-home", width)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download my record (PDF)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("record-alice-martin-")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
