from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("clients", "0004_client_sms_consent"),
    ]

    operations = [
        migrations.AddField(
            model_name="client",
            name="date_of_birth",
            field=models.DateField(
                blank=True,
                help_text="Optional. For a minor, the record is kept until ten years after their "
                "18th birthday (see clients/retention.py).",
                null=True,
            ),
        ),
    ]
