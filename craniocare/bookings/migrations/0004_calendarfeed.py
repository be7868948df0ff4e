"""bookings.CalendarFeed: the calendar feed, moved from the office app with its rows.

State only: office 0003 renamed its table to bookings_calendarfeed, the table this model uses.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("bookings", "0003_booking_sequence"),
        ("office", "0003_calendarfeed_to_bookings"),
        ("scheduling", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="CalendarFeed",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("token_hash", models.CharField(max_length=64, unique=True)),
                        ("created_at", models.DateTimeField(auto_now=True)),
                        (
                            "practitioner",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="calendar_feed",
                                to="scheduling.practitioner",
                            ),
                        ),
                    ],
                ),
            ],
            database_operations=[],
        ),
    ]
