from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from craniocare.core.models import PracticeProfile
from craniocare.core.structured_data import to_script_json

from .structured_data import practice_data


def structured_data(request: HttpRequest) -> dict[str, object]:
    """The practice's JSON-LD for the public pages' <head> (templates/base.html), built only
    when a template uses it."""
    return {
        "practice_jsonld": SimpleLazyObject(
            lambda: to_script_json(practice_data(request, PracticeProfile.load()))
        ),
    }
