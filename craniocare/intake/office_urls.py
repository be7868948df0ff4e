"""The office's intake and consent screens, included by craniocare/office/urls.py under
/office/intake/ (no namespace of its own: the names stay ``office:intake_client``…)."""

from django.urls import path

from .views import consent_texts, office

urlpatterns = [
    path("clients/<int:client_id>/", office.intake_client, name="intake_client"),
    path("clients/<int:client_id>/fill/", office.intake_fill, name="intake_fill"),
    path("clients/<int:client_id>/consent/", office.intake_consent_office, name="intake_consent"),
    path("submissions/<int:submission_id>/", office.intake_submission, name="intake_submission"),
    path(
        "consents/<int:consent_id>/withdraw/",
        office.consent_withdraw_view,
        name="consent_withdraw",
    ),
    path("form/", office.form_template_edit, name="intake_form"),
    path("texts/", consent_texts.consent_texts, name="consent_texts"),
    path("texts/<int:document_id>/", consent_texts.consent_text, name="consent_text"),
    path(
        "texts/<str:kind>/new/",
        consent_texts.consent_text_publish,
        name="consent_text_publish",
    ),
]
