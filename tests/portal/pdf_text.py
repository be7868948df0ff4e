"""The text of a PDF made by fpdf2, for tests: each font's ToUnicode map applied to the strings
its content streams show (Tj, TJ). Enough for fpdf2's output (Type0 fonts, Identity-H, bfchar
maps, compressed or not); no PDF library needed."""

from __future__ import annotations

import re
import zlib

OBJECT = re.compile(rb"(\d+) 0 obj(.*?)endobj", re.DOTALL)
STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.DOTALL)
LENGTH = re.compile(rb"/Length (\d+)\b(?! \d+ R)")
BFCHAR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
FONT_REF = re.compile(rb"/(F\d+)\s+(\d+) 0 R")
TOKEN = re.compile(rb"/(F\d+)\s+[\d.]+\s+Tf|\(((?:\\.|[^\\)])*)\)", re.DOTALL)
ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _objects(pdf: bytes) -> dict[int, tuple[bytes, bytes | None]]:
    found = {}
    for number, body in OBJECT.findall(pdf):
        stream = STREAM.search(body)
        data = None
        if stream:
            data = stream.group(1)
            length = LENGTH.search(body[: stream.start()])
            if length:  # binary data may end in a byte the end-of-line pattern takes
                start = stream.start(1)
                data = body[start : start + int(length.group(1))]
            if b"/FlateDecode" in body[: stream.start()]:
                data = zlib.decompress(data)
        found[int(number)] = (body if not stream else body[: stream.start()], data)
    return found


def _unescape(literal: bytes) -> bytes:
    out = bytearray()
    i = 0
    while i < len(literal):
        byte = literal[i : i + 1]
        if byte == b"\\" and i + 1 < len(literal):
            nxt = literal[i + 1 : i + 2]
            octal = re.match(rb"[0-7]{1,3}", literal[i + 1 : i + 4])
            if octal:
                out.append(int(octal.group(0), 8))
                i += 1 + len(octal.group(0))
                continue
            out += ESCAPES.get(nxt, nxt)
            i += 2
            continue
        out += byte
        i += 1
    return bytes(out)


def pdf_text(pdf: bytes) -> str:
    """The shown text, in the order of the content streams, words separated by one space."""
    objects = _objects(pdf)
    maps: dict[int, dict[int, str]] = {}
    for number, (head, _data) in objects.items():
        to_unicode = re.search(rb"/ToUnicode (\d+) 0 R", head)
        if to_unicode:
            cmap = objects[int(to_unicode.group(1))][1] or b""
            maps[number] = {
                int(code, 16): bytes.fromhex(char.decode()).decode("utf-16-be")
                for code, char in BFCHAR.findall(cmap.split(b"beginbfchar", 1)[-1])
            }
    names: dict[bytes, int] = {}
    for head, _data in objects.values():
        for name, ref in FONT_REF.findall(head):
            names[name] = int(ref)
    lines = []
    for head, data in objects.values():
        if data is None or b"/ToUnicode" in head or b"Length1" in head or b"BT" not in data:
            continue
        font: dict[int, str] = {}
        for name, literal in TOKEN.findall(data):
            if name:
                font = maps.get(names.get(name, -1), {})
                continue
            raw = _unescape(literal)
            codes = [int.from_bytes(raw[i : i + 2], "big") for i in range(0, len(raw) - 1, 2)]
            lines.append("".join(font.get(code, "?") for code in codes))
    return " ".join(" ".join(lines).split())  # one space between words, wherever lines broke
