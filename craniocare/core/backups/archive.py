"""The backup file: one tar archive (manifest.json, the database copy, media/...), written and
read as a stream so that, when a key is set, it is encrypted on the way out and no plain copy
of the whole archive is ever written."""

from __future__ import annotations

import io
import json
import os
import tarfile
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

import craniocare.core.backups.crypto as crypto

from .errors import BackupError

MANIFEST = "manifest.json"
DATABASE_DIR = "database"
MEDIA_DIR = "media"


def write(
    target: Path, *, manifest: dict[str, Any], database: Path, media_root: Path, key: bytes | None
) -> None:
    """Write the archive to `target` (a new file)."""
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # health data
    with os.fdopen(descriptor, "wb") as raw:
        out: Any = crypto.EncryptingWriter(raw, key) if key else raw
        with tarfile.open(fileobj=out, mode="w|", format=tarfile.PAX_FORMAT) as tar:
            data = json.dumps(manifest, indent=2, sort_keys=True).encode("utf-8")
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mode = 0o600
            tar.addfile(info, io.BytesIO(data))
            tar.add(database, arcname=f"{DATABASE_DIR}/{database.name}", recursive=False)
            for name in manifest["media"]:
                tar.add(media_root / name, arcname=f"{MEDIA_DIR}/{name}", recursive=False)
        if key:
            out.close()
        raw.flush()


def _open(path: Path, key: bytes | None) -> BinaryIO:
    handle = path.open("rb")
    head = handle.read(len(crypto.MAGIC))
    handle.seek(0)
    if crypto.is_encrypted(head):
        if key is None:
            handle.close()
            raise BackupError(
                f"{path.name} is encrypted: set BACKUP_ENCRYPTION_KEY to the key it was made with."
            )
        try:
            return crypto.DecryptingReader(handle, key)  # type: ignore[return-value]
        except BackupError:
            handle.close()
            raise
    return handle


def _safe_name(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(f"The backup holds an unsafe path ({name!r}); it was not restored.")
    return path


def unpack(path: Path, workdir: Path, key: bytes | None) -> tuple[dict[str, Any], Path, Path]:
    """Unpack the archive into `workdir`: (manifest, database copy, media folder)."""
    if not path.is_file():
        raise BackupError(f"There is no backup file at {path}.")
    manifest: dict[str, Any] | None = None
    database: Path | None = None
    media = workdir / MEDIA_DIR
    media.mkdir(parents=True)
    source = _open(path, key)
    try:
        with tarfile.open(fileobj=source, mode="r|") as tar:
            for member in tar:
                name = _safe_name(member.name)
                if member.isdir():
                    continue
                if not member.isfile():
                    raise BackupError(f"The backup holds {member.name!r}, which is not a file.")
                extracted = tar.extractfile(member)
                assert extracted is not None
                if name.parts == (MANIFEST,):
                    manifest = json.loads(extracted.read().decode("utf-8"))
                    continue
                if name.parts[0] == DATABASE_DIR and len(name.parts) == 2:
                    target = workdir / name.parts[1]
                    database = target
                elif name.parts[0] == MEDIA_DIR and len(name.parts) > 1:
                    target = media.joinpath(*name.parts[1:])
                else:
                    raise BackupError(f"The backup holds an unexpected file ({member.name!r}).")
                target.parent.mkdir(parents=True, exist_ok=True)
                with target.open("xb") as handle:
                    while block := extracted.read(1024 * 1024):
                        handle.write(block)
    except (tarfile.TarError, EOFError, json.JSONDecodeError, UnicodeDecodeError) as error:
        raise BackupError(f"{path.name} is not a readable CranioCare backup ({error}).") from None
    finally:
        source.close()
    if manifest is None or database is None:
        raise BackupError(f"{path.name} is not a complete CranioCare backup.")
    if manifest.get("database_file") != database.name:
        raise BackupError(f"{path.name} does not hold the database file its manifest names.")
    return manifest, database, media
