"""The parts of craniocare/core/backups on their own: the encryption, the canonical values the
checksums are made of, the SQLite copy under writes, the records /healthz reads, and the
function the worker's nightly job calls."""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
import threading
import uuid
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from craniocare.accounts.models import User
from craniocare.core.backups import (
    BackupError,
    backup_run,
    crypto,
    drill,
    generate_key,
    last_backup_at,
    last_drill,
)
from craniocare.core.backups.manifest import canonical
from craniocare.core.backups.sqlite import snapshot
from craniocare.core.models import BackupRecord
from craniocare.core.services import backup_record_create
from tests.factories import ClientFactory
from tests.signin import sign_in_with_mfa


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crypto, "CHUNK_SIZE", 100)
    monkeypatch.setattr(crypto, "MAX_CHUNK", 100 + crypto.TAG_SIZE)


def encrypt(data: bytes, key: bytes, pieces: int = 7) -> bytes:
    out = io.BytesIO()
    writer = crypto.EncryptingWriter(out, key)
    step = max(len(data) // pieces, 1)
    for start in range(0, len(data), step):
        writer.write(data[start : start + step])
    writer.close()
    return out.getvalue()


def decrypt(sealed: bytes, key: bytes) -> bytes:
    return crypto.DecryptingReader(io.BytesIO(sealed), key).read()


@pytest.mark.usefixtures("small_chunks")
@pytest.mark.parametrize("size", [0, 1, 99, 100, 101, 1234])
def test_it_decrypts_what_it_encrypted_in_chunks(size: int) -> None:
    key = crypto.parse_key(generate_key())
    data = bytes(range(256)) * 5
    data = data[:size]
    sealed = encrypt(data, key)

    assert decrypt(sealed, key) == data
    reader = crypto.DecryptingReader(io.BytesIO(sealed), key)
    assert b"".join(iter(lambda: reader.read(7), b"")) == data
    if size > 16:
        assert data[:16] not in sealed


@pytest.mark.usefixtures("small_chunks")
def test_a_cut_short_or_changed_encrypted_file_does_not_decrypt() -> None:
    key = crypto.parse_key(generate_key())
    sealed = encrypt(b"x" * 450, key)
    chunk = 4 + 100 + crypto.TAG_SIZE
    whole_chunks = sealed[: crypto.HEADER_SIZE + 2 * chunk]  # cut at a chunk boundary
    flipped = bytearray(sealed)
    flipped[crypto.HEADER_SIZE + 10] ^= 1

    for damaged in (whole_chunks, sealed[:-1], bytes(flipped)):
        with pytest.raises(BackupError, match="cut short"):
            decrypt(damaged, key)
    with pytest.raises(BackupError, match="different key"):
        decrypt(sealed, crypto.parse_key(generate_key()))


def test_generate_key_prints_a_key_that_backup_encryption_accepts() -> None:
    out = io.StringIO()
    call_command("backup", "--generate-key", stdout=out)
    key = out.getvalue().strip()

    assert len(crypto.parse_key(key)) == 32
    with pytest.raises(BackupError, match="not a backup key"):
        crypto.parse_key("hunter2")


def test_the_canonical_values_do_not_depend_on_how_a_vendor_returns_them() -> None:
    instant = dt.datetime(2026, 3, 8, 7, 30, tzinfo=dt.UTC)
    toronto = instant.astimezone(ZoneInfo("America/Toronto"))

    assert canonical(toronto) == canonical(instant) == "2026-03-08T07:30:00+00:00"
    assert canonical(Decimal("120.00")) == canonical(Decimal("120")) == "120"
    assert canonical(Decimal("0.50")) == "0.5"
    assert canonical(memoryview(b"\x00\xff")) == canonical(b"\x00\xff") == "00ff"
    assert canonical(dt.timedelta(minutes=90)) == 5_400_000_000
    ident = uuid.uuid4()
    assert canonical(ident) == str(ident)
    assert canonical({"b": [Decimal("1.0")], "a": None}) == {"b": ["1"], "a": None}
    assert canonical(True) is True


def test_the_sqlite_copy_is_consistent_while_another_connection_writes(tmp_path: Path) -> None:
    """Every transaction writes one row to each of two tables: a consistent copy has as many
    rows in one as in the other, however the copy and the writes interleave."""
    live = tmp_path / "live.db"
    setup = sqlite3.connect(live)
    setup.execute("PRAGMA journal_mode=WAL")
    setup.execute("CREATE TABLE a (id INTEGER PRIMARY KEY)")
    setup.execute("CREATE TABLE b (id INTEGER PRIMARY KEY)")
    setup.close()
    stop = threading.Event()
    enough = threading.Event()

    def write() -> None:
        connection = sqlite3.connect(live, timeout=20, isolation_level=None)
        done = 0
        while not stop.is_set():
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("INSERT INTO a DEFAULT VALUES")
            connection.execute("INSERT INTO b DEFAULT VALUES")
            connection.execute("COMMIT")
            done += 1
            if done == 50:
                enough.set()
        connection.close()

    writer = threading.Thread(target=write)
    writer.start()
    try:
        assert enough.wait(timeout=60)
        counts = []
        for number in range(5):
            copy = tmp_path / f"copy-{number}.db"
            snapshot(live, copy)
            connection = sqlite3.connect(copy)
            counts.append(
                connection.execute(
                    "SELECT (SELECT count(*) FROM a), (SELECT count(*) FROM b)"
                ).fetchone()
            )
            connection.close()
    finally:
        stop.set()
        writer.join()
    assert all(in_a == in_b and in_a >= 50 for in_a, in_b in counts), counts


@pytest.mark.django_db
def test_the_last_backup_is_the_newest_successful_one_and_the_last_drill_is_the_newest() -> None:
    assert last_backup_at() is None
    assert last_drill() is None
    good = backup_record_create(kind="backup", file_name="a.tar", size=10, ok=True)
    backup_record_create(kind="backup", file_name="b.tar", size=0, ok=False, detail="disk full")
    backup_record_create(kind="drill", file_name="a.tar", size=10, ok=True)
    failed = backup_record_create(kind="drill", file_name="a.tar", size=10, ok=False)

    assert last_backup_at() == good.created_at
    assert last_drill() == failed


@pytest.mark.django_db(transaction=True)
def test_the_nightly_job_writes_a_backup_that_the_drill_restores(
    tmp_path: Path, settings: object
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"  # type: ignore[attr-defined]
    settings.BACKUP_ENCRYPTION_KEY = generate_key()  # type: ignore[attr-defined]
    ClientFactory.create_batch(3)

    result = backup_run(dest=tmp_path / "backups", keep=3)

    assert result.path.is_file()
    assert result.encrypted
    assert result.rows >= 3
    assert last_backup_at() is not None
    checked = drill(result.path)
    assert checked.ok, checked.report()
    record = last_drill()
    assert record is not None
    assert record.ok
    assert record.file_name == result.path.name
    assert BackupRecord.objects.count() == 2


@pytest.mark.django_db
def test_the_admin_lists_backup_records_read_only(client: Client, practice: object) -> None:
    admin = User.objects.create_superuser("serena@example.com", "correct horse battery")
    signed_in = sign_in_with_mfa(client, admin, "correct horse battery")
    record = backup_record_create(
        kind="drill", file_name="craniocare-backup-x.tar", size=1, ok=False, detail="MISMATCH"
    )

    listed = signed_in.get(reverse("admin:core_backuprecord_changelist"))
    shown = signed_in.get(reverse("admin:core_backuprecord_change", args=[record.pk]))

    assert "craniocare-backup-x.tar" in listed.content.decode()
    assert "MISMATCH" in shown.content.decode()
    assert 'name="detail"' not in shown.content.decode()
    assert signed_in.get(reverse("admin:core_backuprecord_add")).status_code == 403
