"""Booking.sequence (RFC 5545 SEQUENCE), 0 for existing rows.

SQLite adds the column by rebuilding the table, which drops the overlap triggers of 0002: they
are created again here (any later migration that rebuilds bookings_booking must do the same).
"""

from importlib import import_module

from django.db import migrations, models

no_overlap = import_module("craniocare.bookings.migrations.0002_no_overlap")


def _sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in [*no_overlap.SQLITE_BACKWARD, *no_overlap.SQLITE_FORWARD]:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("bookings", "0002_no_overlap"),
    ]

    operations = [
        # Both directions rebuild the table; the triggers come back after each.
        migrations.RunPython(migrations.RunPython.noop, _sqlite_triggers),
        migrations.AddField(
            model_name="booking",
            name="sequence",
            field=models.PositiveIntegerField(db_default=0, default=0, editable=False),
        ),
        migrations.RunPython(_sqlite_triggers, migrations.RunPython.noop),
    ]
