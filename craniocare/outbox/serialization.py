"""An email as JSON and back: the outbox stores what Django's mail classes hold (text, HTML
alternatives, attachments such as the booking's calendar file, headers), so the worker sends
exactly the message that was built in the transaction that caused it."""

from __future__ import annotations

import base64
from email import encoders
from email.mime.base import MIMEBase
from email.mime.text import MIMEText
from typing import Any

from django.core.mail import EmailMessage, EmailMultiAlternatives


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _part_to_dict(part: MIMEBase) -> dict[str, Any]:
    params = dict((part.get_params(header="content-type") or [])[1:])
    params.pop("charset", None)
    content = part.get_payload(decode=True)
    return {
        "filename": part.get_filename() or "",
        "mimetype": part.get_content_type(),
        "params": params,
        "content": _b64(content if isinstance(content, bytes) else b""),
    }


def _attachment_to_dict(attachment: Any) -> dict[str, Any]:
    if isinstance(attachment, MIMEBase):
        return _part_to_dict(attachment)
    filename, content, mimetype = attachment
    data = content.encode("utf-8") if isinstance(content, str) else bytes(content)
    return {
        "filename": filename or "",
        "mimetype": mimetype or "application/octet-stream",
        "params": {},
        "content": _b64(data),
    }


def to_payload(message: EmailMessage) -> dict[str, Any]:
    alternatives = getattr(message, "alternatives", [])
    return {
        "body": message.body,
        "from_email": message.from_email,
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": {str(k): str(v) for k, v in message.extra_headers.items()},
        "alternatives": [{"content": str(alt[0]), "mimetype": str(alt[1])} for alt in alternatives],
        "attachments": [_attachment_to_dict(a) for a in message.attachments],
    }


def _rebuild_attachment(data: dict[str, Any]) -> MIMEBase:
    content = base64.b64decode(data["content"])
    maintype, _, subtype = data["mimetype"].partition("/")
    part: MIMEBase
    if maintype == "text":
        part = MIMEText(content.decode("utf-8"), subtype, "utf-8")
    else:
        part = MIMEBase(maintype, subtype)
        part.set_payload(content)
        encoders.encode_base64(part)
    for key, value in data.get("params", {}).items():
        part.set_param(key, value)
    if data.get("filename"):
        part.add_header("Content-Disposition", "attachment", filename=data["filename"])
    return part


def from_payload(
    *, subject: str, recipients: list[str], payload: dict[str, Any], message_id: str
) -> EmailMultiAlternatives:
    headers = dict(payload.get("headers", {}))
    if message_id:
        headers["Message-ID"] = message_id
    message = EmailMultiAlternatives(
        subject=subject,
        body=payload.get("body", ""),
        from_email=payload.get("from_email") or None,
        to=recipients,
        cc=payload.get("cc") or None,
        bcc=payload.get("bcc") or None,
        reply_to=payload.get("reply_to") or None,
        headers=headers,
    )
    for alternative in payload.get("alternatives", []):
        message.attach_alternative(alternative["content"], alternative["mimetype"])
    for attachment in payload.get("attachments", []):
        message.attach(_rebuild_attachment(attachment))
    return message
