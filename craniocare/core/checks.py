from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register


@register(Tags.security, deploy=True)
def check_secret_key_is_not_the_development_key(**kwargs: Any) -> list[CheckMessage]:
    if settings.USING_DEV_SECRET_KEY:
        return [
            Error(
                "SECRET_KEY is the development key.",
                hint="Set SECRET_KEY in the environment to a long random value.",
                id="craniocare.E001",
            )
        ]
    return []
