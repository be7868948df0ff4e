from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .models import PracticeProfile
from .structured_data import practice_data, to_script_json


def practice(request: HttpRequest) -> dict[str, object]:
    profile = PracticeProfile.load()
    return {
        "practice": profile,
        "practice_jsonld": SimpleLazyObject(
            lambda: to_script_json(practice_data(request, profile))
        ),
    }
