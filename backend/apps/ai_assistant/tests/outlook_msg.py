"""Builds an Outlook .msg for the tests, written from the file format ([MS-OXMSG]) rather than by the reader under
test: a compound file (written with extract-msg's own OLE writer, a separate part from its reader) holding the
message's property streams, its transport headers and one storage per attachment.

Only what a sent e-mail with attachments carries is written: message class, subject, sender, display-to, the
plain body, the internet headers and, per attachment, its method (by value), file names, MIME type and bytes."""

from __future__ import annotations

import struct

from extract_msg.ole_writer import OleWriter

PT_LONG = 0x0003
PT_SYSTIME = 0x0040
PT_UNICODE = 0x001F
PT_BINARY = 0x0102
PROPATTR = 0x00000006  # readable | writable

# property id: (type, meaning)
MESSAGE_CLASS = 0x001A
CLIENT_SUBMIT_TIME = 0x0039
SUBJECT = 0x0037
TRANSPORT_HEADERS = 0x007D
SENDER_NAME = 0x0C1A
SENDER_EMAIL = 0x0C1F
DISPLAY_TO = 0x0E04
BODY = 0x1000
ATTACH_DATA = 0x3701
ATTACH_SHORT_NAME = 0x3704
ATTACH_METHOD = 0x3705
ATTACH_LONG_NAME = 0x3707
ATTACH_MIME = 0x370E
ATTACH_BY_VALUE = 1


def _name(prop_id: int, prop_type: int) -> str:
    return f"__substg1.0_{prop_id:04X}{prop_type:04X}"


def _entry(prop_id: int, prop_type: int, value: bytes) -> bytes:
    return struct.pack("<II", (prop_id << 16) | prop_type, PROPATTR) + value


def _properties(header: bytes, variable: dict[tuple[int, int], bytes], fixed: dict[tuple[int, int], bytes]) -> bytes:
    """The `__properties_version1.0` stream: a header, then 16 bytes per property (fixed values in place,
    variable ones by size; a string's size counts its terminating NUL)."""
    out = bytearray(header)
    for (prop_id, prop_type), data in variable.items():
        size = len(data) + (2 if prop_type == PT_UNICODE else 0)
        out += _entry(prop_id, prop_type, struct.pack("<II", size, 0))
    for (prop_id, prop_type), value in fixed.items():
        out += _entry(prop_id, prop_type, value.ljust(8, b"\0"))
    return bytes(out)


def _filetime(rfc2822: str) -> int:
    """100-nanosecond intervals since 1601-01-01 UTC."""
    from email.utils import parsedate_to_datetime

    seconds = parsedate_to_datetime(rfc2822).timestamp()
    return int((seconds + 11_644_473_600) * 10_000_000)


def _text(value: str) -> bytes:
    return value.encode("utf-16-le")


def build_msg(
    *,
    sender_name: str,
    sender_email: str,
    to: str,
    subject: str,
    date: str,
    body: str,
    attachments: list[tuple[str, str, bytes]],
) -> bytes:
    """A .msg file; `attachments` are (file name, MIME type, bytes)."""
    import io

    writer = OleWriter()
    headers = (
        f"From: {sender_name} <{sender_email}>\r\nTo: {to}\r\nSubject: {subject}\r\nDate: {date}\r\n"
        "MIME-Version: 1.0\r\nContent-Type: multipart/mixed\r\n\r\n"
    )
    strings = {
        (MESSAGE_CLASS, PT_UNICODE): _text("IPM.Note"),
        (SUBJECT, PT_UNICODE): _text(subject),
        (TRANSPORT_HEADERS, PT_UNICODE): _text(headers),
        (SENDER_NAME, PT_UNICODE): _text(sender_name),
        (SENDER_EMAIL, PT_UNICODE): _text(sender_email),
        (DISPLAY_TO, PT_UNICODE): _text(to),
        (BODY, PT_UNICODE): _text(body),
    }
    for (prop_id, prop_type), data in strings.items():
        writer.addEntry(_name(prop_id, prop_type), data)
    count = len(attachments)
    # top-level header: 8 reserved, next recipient id, next attachment id, recipient count, attachment count, 8
    top = struct.pack("<8xIIII8x", 0, count, 0, count)
    sent = {(CLIENT_SUBMIT_TIME, PT_SYSTIME): struct.pack("<q", _filetime(date))}
    writer.addEntry("__properties_version1.0", _properties(top, strings, sent))
    writer.addEntry("__nameid_version1.0", storage=True)
    for stream in ("__substg1.0_00020102", "__substg1.0_00030102", "__substg1.0_00040102"):
        writer.addEntry(f"__nameid_version1.0/{stream}", b"")
    for index, (file_name, mime, data) in enumerate(attachments):
        storage = f"__attach_version1.0_#{index:08X}"
        writer.addEntry(storage, storage=True)
        variable = {
            (ATTACH_DATA, PT_BINARY): data,
            (ATTACH_LONG_NAME, PT_UNICODE): _text(file_name),
            (ATTACH_SHORT_NAME, PT_UNICODE): _text(file_name[:8]),
            (ATTACH_MIME, PT_UNICODE): _text(mime),
        }
        for (prop_id, prop_type), value in variable.items():
            writer.addEntry(f"{storage}/{_name(prop_id, prop_type)}", value)
        fixed = {(ATTACH_METHOD, PT_LONG): struct.pack("<i", ATTACH_BY_VALUE)}
        writer.addEntry(f"{storage}/__properties_version1.0", _properties(b"\0" * 8, variable, fixed))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
