"""The intake form's steps, shared by the client's link and the office ("fill in with the
client"): which submission and template a page works on, and one section's save."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest

from craniocare.clients.models import Client

from .definition import Section
from .forms import SectionForm
from .models import FormTemplate, IntakeSubmission, SubmissionStatus
from .selectors import current_template, latest_submission
from .services import intake_save


@dataclass
class IntakeState:
    client: Client
    template: FormTemplate
    submission: IntakeSubmission | None  # the draft, or the last submitted one, or None

    @property
    def draft(self) -> IntakeSubmission | None:
        s = self.submission
        return s if s is not None and s.status == SubmissionStatus.DRAFT else None

    @property
    def answers(self) -> dict[str, Any]:
        return dict(self.submission.answers) if self.submission else {}

    @property
    def done(self) -> list[str]:
        return list(self.draft.sections_done) if self.draft else []

    def sections(self) -> list[tuple[Section, bool]]:
        return [(s, s.key in self.done) for s in self.template.parsed.sections]

    @property
    def next_section(self) -> Section | None:
        return next((s for s, done in self.sections() if not done), None)

    @property
    def all_done(self) -> bool:
        return all(done for _, done in self.sections())


def state_for(client: Client) -> IntakeState:
    """A draft keeps the template version it was started on; anything else starts on the
    current version."""
    submission = latest_submission(client)
    if submission is not None and submission.status == SubmissionStatus.DRAFT:
        return IntakeState(client, submission.template, submission)
    return IntakeState(client, current_template(), submission)


def save_section(
    request: HttpRequest, state: IntakeState, section: Section, *, via: str, filled_by: Any
) -> tuple[SectionForm, bool]:
    """Bind the POSTed section, save it when valid. (form, saved); a form with errors keeps
    everything typed."""
    complete = request.POST.get("action") != "later"
    form = SectionForm(request.POST, section=section, complete=complete)
    if not form.is_valid():
        return form, False
    try:
        intake_save(
            client=state.client,
            template=state.template,
            section=section.key,
            answers=form.answers(),
            complete=complete,
            via=via,
            filled_by=filled_by,
        )
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for key, messages in error.message_dict.items():
                form.add_error(key if key in form.fields else None, messages)
        else:
            form.add_error(None, error)
        return form, False
    return form, True
