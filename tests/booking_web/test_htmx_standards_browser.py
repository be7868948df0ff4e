"""htmx under the site's CSP, in a real Chromium: changing weeks on /book/ (each change an htmx
swap) raises no console error and no Content-Security-Policy violation, and the indicator
styles come from our stylesheet, not from a `<style>` htmx would inject. No screenshots here:
Playwright's own screenshot styles would be reported as inline styles."""

from __future__ import annotations

import time

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WATCH_CSP = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.cspViolations.push(event.violatedDirective + " " + (event.sourceFile || "") + " "
    + (event.sample || ""));
});
"""


def test_changing_weeks_raises_no_console_error_or_csp_violation(
    browser, live_server, live_booking_site
):
    context = browser.new_context(
        timezone_id="America/Toronto",
        locale="en-CA",
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    try:
        page.goto(live_server.url + "/book/?service=craniosacral-60")
        page.evaluate("window.stillTheSamePage = true")
        for link in ("Next week", "Next week", "Previous week"):
            label = page.locator(".week-label").inner_text()
            page.get_by_role("link", name=link).click()
            deadline = time.monotonic() + 5
            while page.locator(".week-label").inner_text() == label and time.monotonic() < deadline:
                page.wait_for_timeout(50)
            assert page.locator(".week-label").inner_text() != label, link
        assert page.evaluate("window.stillTheSamePage === true"), "htmx swapped, no page load"
        # At 390 px both week buttons keep their label on one line, as tall as each other.
        previous = page.get_by_role("link", name="Previous week").bounding_box()
        following = page.get_by_role("link", name="Next week").bounding_box()
        assert previous and following and previous["height"] == following["height"] <= 48
        assert page.evaluate("window.cspViolations") == []
        assert problems == []
        # htmx's own <style> is off; the stylesheet hides an idle indicator instead.
        assert page.evaluate("document.querySelectorAll('head style').length") == 0
        page.evaluate(
            "document.body.insertAdjacentHTML('beforeend',"
            " '<span id=probe class=htmx-indicator>busy</span>')"
        )
        assert page.evaluate("getComputedStyle(document.getElementById('probe')).opacity") == "0"
    finally:
        context.close()
