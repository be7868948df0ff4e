from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .models import PracticeProfile


def _signed_in_client(request: HttpRequest) -> bool:
    """A signed-in visitor without staff powers: the public header offers their bookings and
    signing out. (Anonymous visitors have no session cookie: no need to look them up.)"""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = request.user
    return bool(user.is_authenticated and not (user.is_staff or user.is_superuser))


def practice(request: HttpRequest) -> dict[str, object]:
    profile = PracticeProfile.load()
    return {
        "practice": profile,
        "signed_in_client": SimpleLazyObject(lambda: _signed_in_client(request)),
    }
