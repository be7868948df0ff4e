from __future__ import annotations

from django.db import models

from craniocare.lib.markdown import render_markdown


class PageKey(models.TextChoices):
    HOME = "home", "Home"
    ABOUT = "about", "About the practitioner"
    SERVICES = "services", "Services"
    WHAT_TO_EXPECT = "what-to-expect", "What to expect"
    FAQ = "faq", "FAQ"
    CONTACT = "contact", "Contact"


class Page(models.Model):
    """Editable text of a public page. The page's layout lives in its template."""

    key = models.CharField(max_length=40, unique=True, choices=PageKey.choices)
    title = models.CharField(max_length=160)
    intro = models.TextField(blank=True, help_text="Lead paragraph under the title (plain text).")
    body = models.TextField(blank=True, help_text="Markdown.")
    meta_description = models.CharField(max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return self.get_key_display()

    @property
    def body_html(self) -> str:
        return render_markdown(self.body)

    @classmethod
    def for_key(cls, key: str) -> Page:
        return cls.objects.filter(key=key).first() or cls(key=key, title=PageKey(key).label)


class FaqEntry(models.Model):
    question = models.CharField(max_length=240)
    answer = models.TextField(help_text="Markdown.")
    position = models.PositiveSmallIntegerField(default=0)
    published = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "FAQ entry"
        verbose_name_plural = "FAQ entries"

    def __str__(self) -> str:
        return self.question

    @property
    def answer_html(self) -> str:
        return render_markdown(self.answer)
