"""The calendar feed moves to the bookings app (bookings.CalendarFeed), keeping its rows.

The table is renamed to the name the bookings app gives it (bookings_calendarfeed); then the
model leaves the office app's state only, so nothing is dropped. bookings 0004 takes the model
into its state, over the same table.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("office", "0002_office_visit"),
    ]

    operations = [
        migrations.AlterModelTable(name="calendarfeed", table="bookings_calendarfeed"),
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="CalendarFeed")],
            database_operations=[],
        ),
    ]
