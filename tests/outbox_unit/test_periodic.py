"""The worker's periodic jobs: a job claimed for a period runs once across workers, and the
nightly backup is written (with its restore drill) only when one is due."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from craniocare.core.models import BackupRecord
from craniocare.outbox.housekeeping import nightly_backup
from craniocare.outbox.schedule import claim_run

pytestmark = pytest.mark.django_db


def test_a_period_is_claimed_by_one_caller():
    now = timezone.now()
    every = timedelta(hours=1)
    assert claim_run("job", every, now=now) is True
    assert claim_run("job", every, now=now) is False
    assert claim_run("job", every, now=now + timedelta(minutes=59)) is False
    assert claim_run("job", every, now=now + every) is True
    assert claim_run("other", every, now=now) is True


@pytest.mark.django_db(transaction=True)  # the drill creates a scratch database on PostgreSQL
def test_the_nightly_backup_writes_a_backup_and_a_drill_when_due(settings, tmp_path):
    settings.BACKUP_DIR = tmp_path
    settings.BACKUP_EVERY_HOURS = 24
    assert nightly_backup() == "written"
    assert len(list(tmp_path.glob("craniocare-backup-*"))) == 1
    kinds = sorted(BackupRecord.objects.filter(ok=True).values_list("kind", flat=True))
    assert kinds == ["backup", "drill"]
    assert nightly_backup() == "not due"
    assert len(list(tmp_path.glob("craniocare-backup-*"))) == 1


def test_the_nightly_backup_can_be_switched_off(settings, tmp_path):
    settings.BACKUP_DIR = tmp_path
    settings.BACKUP_EVERY_HOURS = 0
    assert nightly_backup() == "off"
    assert not list(tmp_path.iterdir())
