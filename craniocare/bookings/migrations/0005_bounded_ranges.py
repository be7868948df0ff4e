"""Costs that do not grow with the years: an overlap check and range queries that an index serves.

SQLite: the overlap triggers of 0002 wrapped the columns in julianday(), so no index could serve
them and every insert read all of a practitioner's bookings. They now compare the stored text
directly, which is correct because every stored instant has one spelling: Django writes UTC as
'YYYY-MM-DD HH:MM:SS' or 'YYYY-MM-DD HH:MM:SS.ffffff' (str() of a naive UTC datetime), and those
sort as text in time order (a value without fraction is a prefix of the same second with one).
The trigger refuses any other spelling ('booking_datetime_format'), so a hand-written INSERT with
'T' or '+00:00' cannot slip past the comparison. It also refuses a blocked range longer than
MAX_BLOCKED_SPAN ('booking_too_long'), which bounds how far back an overlapping booking can start:
the lookup then reads only (practitioner, blocked_start) in [start - 24 h, end) of the index
bookings_busy_lookup. PostgreSQL keeps its exclusion constraint and gains the same bound as a
CHECK (bookings_booking_span_bounded). Both run only on their own database, so the model state
is unchanged. The 24 hours repeat MAX_BLOCKED_SPAN in craniocare/bookings/models.py.

The indexes serve the office calendar and the feed (practitioner, start), Today's sessions
(start) and "new since your last visit" (practitioner, created_at; created_at).
"""

from importlib import import_module

from craniocare.core.vendor_sql import vendor_sql
from django.db import migrations, models

no_overlap = import_module("craniocare.bookings.migrations.0002_no_overlap")
ACTIVE = no_overlap.ACTIVE
MAX_HOURS = 24

POSTGRES_FORWARD = [
    "ALTER TABLE bookings_booking ADD CONSTRAINT bookings_booking_span_bounded "
    f"CHECK (blocked_end - blocked_start <= interval '{MAX_HOURS} hours')",
]
POSTGRES_BACKWARD = [
    "ALTER TABLE bookings_booking DROP CONSTRAINT IF EXISTS bookings_booking_span_bounded",
]

_SECOND = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]"
_MICRO = ".[0-9][0-9][0-9][0-9][0-9][0-9]"


def _well_formed(column: str) -> str:
    return f"({column} GLOB '{_SECOND}' OR {column} GLOB '{_SECOND}{_MICRO}')"


# The lookup the trigger runs (tests/bookings/test_query_plans.py checks that the index serves
# it). datetime(x, '-24 hours') drops the fraction, which only lowers the bound: still safe.
OVERLAP_LOOKUP = f"""
        SELECT 1 FROM bookings_booking AS other
        WHERE other.practitioner_id = NEW.practitioner_id
          AND other.blocked_start < NEW.blocked_end
          AND other.blocked_start > datetime(NEW.blocked_start, '-{MAX_HOURS} hours')
          AND other.blocked_end > NEW.blocked_start
          AND other.status IN {ACTIVE}
          AND other.id IS NOT NEW.id
"""
_CHECKS = f"""
    SELECT RAISE(ABORT, 'booking_datetime_format')
    WHERE NOT ({_well_formed("NEW.blocked_start")} AND {_well_formed("NEW.blocked_end")});
    SELECT RAISE(ABORT, 'booking_too_long')
    WHERE NEW.blocked_end > datetime(NEW.blocked_start, '+{MAX_HOURS} hours');
    SELECT RAISE(ABORT, 'booking_overlap') WHERE EXISTS ({OVERLAP_LOOKUP});
"""
SQLITE_FORWARD = [
    *no_overlap.SQLITE_BACKWARD,
    f"""
    CREATE TRIGGER bookings_booking_no_overlap_insert
    BEFORE INSERT ON bookings_booking
    FOR EACH ROW WHEN NEW.status IN {ACTIVE}
    BEGIN {_CHECKS} END
    """,
    f"""
    CREATE TRIGGER bookings_booking_no_overlap_update
    BEFORE UPDATE OF practitioner_id, status, blocked_start, blocked_end ON bookings_booking
    FOR EACH ROW WHEN NEW.status IN {ACTIVE}
    BEGIN {_CHECKS} END
    """,
]
# Back to the julianday() triggers of 0002.
SQLITE_BACKWARD = [*no_overlap.SQLITE_BACKWARD, *no_overlap.SQLITE_FORWARD]


class Migration(migrations.Migration):
    dependencies = [
        ("bookings", "0004_calendarfeed"),
        ("catalog", "0002_service_practitioners"),
        ("clients", "0002_practice_notes_search_merge"),
        ("scheduling", "0002_holidayopening"),
    ]

    operations = [
        vendor_sql(
            {"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD},
            {"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD},
        ),
        migrations.AddIndex(
            model_name="booking",
            index=models.Index(fields=["practitioner", "start"], name="bookings_practitioner_start"),
        ),
        migrations.AddIndex(
            model_name="booking",
            index=models.Index(fields=["start"], name="bookings_start"),
        ),
        migrations.AddIndex(
            model_name="booking",
            index=models.Index(fields=["practitioner", "created_at"], name="bookings_pract_created"),
        ),
        migrations.AddIndex(
            model_name="booking",
            index=models.Index(fields=["created_at"], name="bookings_created"),
        ),
    ]
