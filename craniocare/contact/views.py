"""Placeholder views; the contact work replaces them."""

from django.http import HttpRequest, HttpResponse


def contact_form(request: HttpRequest) -> HttpResponse:
    return HttpResponse("contact")


def thanks(request: HttpRequest) -> HttpResponse:
    return HttpResponse("thanks")
