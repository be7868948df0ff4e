"""Encryption of backup files: AES-256-GCM in chunks (the STREAM construction), so that a backup
of any size is encrypted and decrypted without holding it in memory.

Layout of an encrypted file::

    MAGIC (8 bytes) | key id (8) | nonce prefix (7) | chunk | chunk | ... | final chunk

Each chunk is a 4-byte big-endian length followed by AES-GCM ciphertext (with its 16-byte tag) of
at most CHUNK_SIZE bytes of plaintext. The 12-byte nonce of chunk i is the random prefix, i as 4
bytes and a last-chunk flag, and every chunk authenticates the header: chunks cannot be changed,
reordered, dropped or cut off at the end without decryption failing. The key id (a hash of the
key, not the key) lets a wrong key be named as such instead of as damage.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import struct
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from .errors import BackupError

MAGIC = b"CCBAK\x00\x01\n"
CHUNK_SIZE = 1024 * 1024
PREFIX_SIZE = 7
HEADER_SIZE = len(MAGIC) + 8 + PREFIX_SIZE
TAG_SIZE = 16
MAX_CHUNK = CHUNK_SIZE + TAG_SIZE


def generate_key() -> str:
    """A fresh random 256-bit key, as the text BACKUP_ENCRYPTION_KEY takes."""
    return base64.urlsafe_b64encode(AESGCM.generate_key(bit_length=256)).decode("ascii")


def parse_key(text: str) -> bytes:
    try:
        key = base64.urlsafe_b64decode(text.strip().encode("ascii"))
    except (binascii.Error, UnicodeEncodeError, ValueError):
        key = b""
    if len(key) != 32:
        raise BackupError(
            "BACKUP_ENCRYPTION_KEY is not a backup key: it must be the 44-character text that "
            "`manage.py backup --generate-key` prints."
        )
    return key


def key_id(key: bytes) -> bytes:
    return hashlib.sha256(b"craniocare-backup-key-id\x00" + key).digest()[:8]


def is_encrypted(head: bytes) -> bool:
    return head.startswith(MAGIC)


def _nonce(prefix: bytes, counter: int, last: bool) -> bytes:
    if counter >= 2**32:
        raise BackupError("The backup is too large to encrypt in one file.")
    return prefix + struct.pack(">I?", counter, last)


class EncryptingWriter:
    """A write-only file object: what is written goes out encrypted to `out`; close() writes
    the final chunk (and does not close `out`)."""

    def __init__(self, out: BinaryIO, key: bytes) -> None:
        self._out = out
        self._aead = AESGCM(key)
        self._prefix = os.urandom(PREFIX_SIZE)
        self._header = MAGIC + key_id(key) + self._prefix
        self._buffer = bytearray()
        self._counter = 0
        self._closed = False
        out.write(self._header)

    def write(self, data: bytes | bytearray | memoryview) -> int:
        self._buffer += data
        # Keep at least one byte back: the last chunk is written by close(), flagged as last.
        while len(self._buffer) > CHUNK_SIZE:
            self._emit(bytes(self._buffer[:CHUNK_SIZE]), last=False)
            del self._buffer[:CHUNK_SIZE]
        return len(data)

    def _emit(self, plain: bytes, *, last: bool) -> None:
        sealed = self._aead.encrypt(_nonce(self._prefix, self._counter, last), plain, self._header)
        self._out.write(struct.pack(">I", len(sealed)) + sealed)
        self._counter += 1

    def close(self) -> None:
        if not self._closed:
            self._emit(bytes(self._buffer), last=True)
            self._buffer.clear()
            self._closed = True

    def flush(self) -> None:
        self._out.flush()


class DecryptingReader:
    """A read-only file object over an encrypted backup: read(n) gives the plaintext and raises
    BackupError for a wrong key, a damaged file or a file cut short."""

    def __init__(self, source: BinaryIO, key: bytes) -> None:
        self._source = source
        header = source.read(HEADER_SIZE)
        if len(header) != HEADER_SIZE or not is_encrypted(header):
            raise BackupError("This file is not an encrypted CranioCare backup.")
        if header[len(MAGIC) : len(MAGIC) + 8] != key_id(key):
            raise BackupError(
                "This backup was encrypted with a different key: BACKUP_ENCRYPTION_KEY must be "
                "the key that was set when the backup was made."
            )
        self._header = header
        self._prefix = header[len(MAGIC) + 8 :]
        self._aead = AESGCM(key)
        self._counter = 0
        self._plain = b""
        self._pos = 0
        self._pending = self._read_chunk()
        self._done = False

    def _read_chunk(self) -> bytes | None:
        size_bytes = self._source.read(4)
        if not size_bytes:
            return None
        if len(size_bytes) != 4:
            raise BackupError("The backup file is damaged or cut short.")
        (size,) = struct.unpack(">I", size_bytes)
        sealed = self._source.read(size) if size <= MAX_CHUNK else b""
        if size > MAX_CHUNK or len(sealed) != size:
            raise BackupError("The backup file is damaged or cut short.")
        return sealed

    def _next(self) -> None:
        sealed = self._pending
        if sealed is None:
            if not self._done:
                raise BackupError("The backup file is cut short: its last part is missing.")
            return
        following = self._read_chunk()
        last = following is None
        try:
            plain = self._aead.decrypt(
                _nonce(self._prefix, self._counter, last), sealed, self._header
            )
        except InvalidTag:
            raise BackupError(
                "The backup file is damaged or cut short: it does not decrypt with this key."
            ) from None
        self._counter += 1
        self._plain = self._plain[self._pos :] + plain
        self._pos = 0
        self._pending = following
        self._done = last

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self._plain) - self._pos < size:
            if self._done and self._pending is None:
                break
            self._next()
        end = len(self._plain) if size < 0 else self._pos + size
        data = self._plain[self._pos : end]
        self._pos += len(data)
        return data

    def close(self) -> None:
        self._source.close()
