"""What a consent text must be before it is published: a title on one line, a body of bounded
length (Markdown), and not word for word the text of the current version. Both the office's
preview (views/consent_texts.py) and the write path (services.consent_document_publish) ask
`consent_document_clean`, so the preview never promises what publishing would refuse."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from craniocare.catalog.models import ConsentKind
from craniocare.lib.parsing import InvalidInput, clean_line, clean_text

from .models import ConsentDocument

CONSENT_TITLE_MAX = 200
CONSENT_BODY_MAX = 20_000


def consent_document_clean(*, kind: str, title: str, body: str) -> tuple[str, str]:
    """The title and body a new version of `kind` would be published with, through the bounded
    parsers; a ValidationError by field otherwise."""
    if kind not in ConsentKind.values:
        raise ValidationError({"kind": "Unknown consent kind."})
    errors: dict[str, str] = {}
    try:
        title = clean_line(title, max_length=CONSENT_TITLE_MAX)
    except InvalidInput as invalid:
        errors["title"] = invalid.message
    else:
        if not title:
            errors["title"] = "Please give the consent a title."
    try:
        body = clean_text(body, max_length=CONSENT_BODY_MAX)
    except InvalidInput as invalid:
        errors["body"] = invalid.message
    else:
        current = ConsentDocument.objects.filter(kind=kind).order_by("-version").first()
        if not body:
            errors["body"] = "Please write the text the client will read and sign."
        elif current is not None and body == _as_stored(current.body):
            errors["body"] = (
                f"This is the text of version {current.version} word for word. Change the "
                "text to publish a new version."
            )
    if errors:
        raise ValidationError(errors)
    return title, body


def _as_stored(text: str) -> str:
    """`text` as clean_text would store it (older rows were stored before it was applied)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()
