from __future__ import annotations

from typing import Any

from django.test import Client

API = "/api/v1"


def post_json(http: Client, path: str, body: Any, **headers: str) -> Any:
    return http.post(f"{API}{path}", body, content_type="application/json", headers=headers)


def booking_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "service": "craniosacral-60",
        "start": "2027-03-08T10:00:00-05:00",
        "client": {"name": "Alice Martin", "email": "alice@example.com", "phone": "416-555-0101"},
    }
    body.update(overrides)
    return body
