"""The database refuses two overlapping active bookings of one practitioner (DESIGN.md rule 3).

PostgreSQL: an exclusion constraint (btree_gist) over practitioner = and tstzrange(blocked) &&,
for active statuses. SQLite: BEFORE INSERT / BEFORE UPDATE triggers that abort with
'booking_overlap' (surfacing as django.db.IntegrityError). Each runs only on its own database,
so the model state is unchanged and `makemigrations --check` stays clean.

The active statuses repeat ACTIVE_STATUSES in craniocare/bookings/models.py.
"""

from django.contrib.postgres.operations import BtreeGistExtension
from craniocare.core.vendor_sql import vendor_sql
from django.db import migrations

ACTIVE = "('confirmed', 'completed', 'no_show')"

POSTGRES_FORWARD = [
    f"""
    ALTER TABLE bookings_booking ADD CONSTRAINT bookings_booking_no_overlap
    EXCLUDE USING gist (
        practitioner_id WITH =,
        tstzrange(blocked_start, blocked_end, '[)') WITH &&
    ) WHERE (status IN {ACTIVE})
    """,
]
POSTGRES_BACKWARD = [
    "ALTER TABLE bookings_booking DROP CONSTRAINT IF EXISTS bookings_booking_no_overlap",
]

# julianday() compares instants whatever their text spelling (with or without fractions, 'T' or
# ' ', an explicit +00:00), so even a hand-written INSERT cannot slip past the check.
_OVERLAP = f"""
    SELECT RAISE(ABORT, 'booking_overlap')
    WHERE EXISTS (
        SELECT 1 FROM bookings_booking AS other
        WHERE other.practitioner_id = NEW.practitioner_id
          AND other.status IN {ACTIVE}
          AND other.id IS NOT NEW.id
          AND julianday(other.blocked_start) < julianday(NEW.blocked_end)
          AND julianday(NEW.blocked_start) < julianday(other.blocked_end)
    );
"""
SQLITE_FORWARD = [
    f"""
    CREATE TRIGGER bookings_booking_no_overlap_insert
    BEFORE INSERT ON bookings_booking
    FOR EACH ROW WHEN NEW.status IN {ACTIVE}
    BEGIN {_OVERLAP} END
    """,
    f"""
    CREATE TRIGGER bookings_booking_no_overlap_update
    BEFORE UPDATE OF practitioner_id, status, blocked_start, blocked_end ON bookings_booking
    FOR EACH ROW WHEN NEW.status IN {ACTIVE}
    BEGIN {_OVERLAP} END
    """,
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS bookings_booking_no_overlap_insert",
    "DROP TRIGGER IF EXISTS bookings_booking_no_overlap_update",
]


class Migration(migrations.Migration):
    dependencies = [("bookings", "0001_initial")]

    operations = [
        BtreeGistExtension(),  # a no-op on databases other than PostgreSQL
        vendor_sql(
            {"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD},
            {"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD},
        ),
    ]
