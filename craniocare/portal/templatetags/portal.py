from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def login_code_minutes() -> int:
    """How long an emailed sign-in code works (ACCOUNT_LOGIN_BY_CODE_TIMEOUT), in minutes."""
    return max(1, int(settings.ACCOUNT_LOGIN_BY_CODE_TIMEOUT) // 60)
