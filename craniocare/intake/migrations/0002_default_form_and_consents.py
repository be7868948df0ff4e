"""Seed the default intake form (version 1) and the three consent texts (version 1 each), in the
practice's own words (craniocare/intake/defaults.py). A database flushed later (tests) is seeded
again on first use (selectors.current_template / current_document)."""

import hashlib

from django.db import migrations


def seed(apps, schema_editor):
    from craniocare.intake.defaults import DEFAULT_CONSENTS, DEFAULT_TEMPLATE

    FormTemplate = apps.get_model("intake", "FormTemplate")
    ConsentDocument = apps.get_model("intake", "ConsentDocument")
    if not FormTemplate.objects.filter(key="health-intake").exists():
        FormTemplate.objects.create(
            key="health-intake", version=1, name="Health intake", definition=DEFAULT_TEMPLATE
        )
    for kind, (title, body) in DEFAULT_CONSENTS.items():
        if not ConsentDocument.objects.filter(kind=kind).exists():
            ConsentDocument.objects.create(
                kind=kind,
                version=1,
                title=title,
                body=body,
                text_hash=hashlib.sha256(body.encode("utf-8")).hexdigest(),
            )


class Migration(migrations.Migration):
    dependencies = [("intake", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
