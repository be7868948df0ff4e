"""Forms of the session-note screens: the editor, the addendum, templates."""

from __future__ import annotations

from typing import Any

from django import forms

from craniocare.core.fields import CleanCharField, CleanTextField

from .models import NoteTemplate, SessionNote
from .services import LINE_MAX, TEXT_MAX, NoteContent
from .vocabulary import NOTICED, PAIN_ROWS, REGIONS, TECHNIQUES

REGION_CHOICES = [(r.code, r.label) for r in REGIONS]


def _text(label: str, rows: int = 3, help_text: str = "") -> CleanTextField:
    return CleanTextField(
        label=label,
        required=False,
        max_length=TEXT_MAX,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class NoteForm(forms.Form):
    subjective = _text("What the client reports", 4, "In their words: how they are, since when.")
    findings = _text("Findings", 4)
    areas = forms.MultipleChoiceField(
        label="Areas worked",
        required=False,
        choices=REGION_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    techniques = forms.MultipleChoiceField(
        label="Techniques",
        required=False,
        choices=TECHNIQUES,
        widget=forms.CheckboxSelectMultiple,
    )
    techniques_other = CleanCharField(
        label="Your own techniques",
        required=False,
        max_length=LINE_MAX,
        help_text="Separate them with commas.",
    )
    noticed = forms.MultipleChoiceField(
        label="The client noticed",
        required=False,
        choices=NOTICED,
        widget=forms.CheckboxSelectMultiple,
    )
    noticed_other = CleanCharField(
        label="What they noticed, in their words", required=False, max_length=LINE_MAX
    )
    plan = _text("Plan", 3, "Next session, home care, referrals.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i in range(PAIN_ROWS):
            self.fields[f"pain_area_{i}"] = CleanCharField(
                label=f"Symptom or area {i + 1}", required=False, max_length=120
            )
            self.fields[f"pain_score_{i}"] = forms.IntegerField(
                label=f"Pain {i + 1}, 0 to 10",
                required=False,
                min_value=0,
                max_value=10,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )

    @classmethod
    def initial_of(cls, note: SessionNote) -> dict[str, Any]:
        initial: dict[str, Any] = {
            name: getattr(note, name)
            for name in (
                "subjective",
                "findings",
                "areas",
                "techniques",
                "techniques_other",
                "noticed",
                "noticed_other",
                "plan",
            )
        }
        for i, rating in enumerate(note.pain[:PAIN_ROWS]):
            initial[f"pain_area_{i}"] = rating.get("area", "")
            initial[f"pain_score_{i}"] = rating.get("score")
        return initial

    def chosen(self, name: str) -> list[str]:
        value = self[name].value() or []
        return [str(v) for v in value]

    def chosen_areas(self) -> list[str]:
        return self.chosen("areas")

    def chosen_techniques(self) -> list[str]:
        return self.chosen("techniques")

    def chosen_noticed(self) -> list[str]:
        return self.chosen("noticed")

    def pain_rows(self) -> list[tuple[Any, Any]]:
        return [(self[f"pain_area_{i}"], self[f"pain_score_{i}"]) for i in range(PAIN_ROWS)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for i in range(PAIN_ROWS):
            area, score = data.get(f"pain_area_{i}"), data.get(f"pain_score_{i}")
            if area and score is None and f"pain_score_{i}" not in self.errors:
                self.add_error(f"pain_score_{i}", "Give a score from 0 to 10 for this area.")
            if score is not None and not area:
                self.add_error(f"pain_area_{i}", "Name the symptom or area of this score.")
        return data

    def content(self) -> NoteContent:
        data = self.cleaned_data
        pain = [
            {"area": data[f"pain_area_{i}"], "score": data[f"pain_score_{i}"]}
            for i in range(PAIN_ROWS)
            if data.get(f"pain_area_{i}") and data.get(f"pain_score_{i}") is not None
        ]
        return NoteContent(
            subjective=data["subjective"],
            pain=pain,
            findings=data["findings"],
            areas=list(data["areas"]),
            techniques=list(data["techniques"]),
            techniques_other=data["techniques_other"],
            noticed=list(data["noticed"]),
            noticed_other=data["noticed_other"],
            plan=data["plan"],
        )


class StartForm(forms.Form):
    from_last = forms.BooleanField(required=False)
    template = forms.ModelChoiceField(
        queryset=NoteTemplate.objects.none(), required=False, label="Start from a template"
    )

    def __init__(self, *args: Any, templates: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if templates is not None:
            self.fields["template"].queryset = templates  # type: ignore[attr-defined]


class AddendumForm(forms.Form):
    reason = CleanCharField(
        label="Reason",
        max_length=LINE_MAX,
        help_text="Why the note needs this: a correction, a late detail, what the client said.",
    )
    text = _text("Addendum", 4)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].required = True


class TemplateForm(NoteForm):
    name = CleanCharField(label="Template name", max_length=120)
