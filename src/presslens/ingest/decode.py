"""Turning input bytes into text, or refusing them with a clear reason."""

from __future__ import annotations

import codecs
import re

from ..errors import BinaryInputError, DecodingError, EmptyInputError, InputTooLargeError

#: Share of control characters (other than tab, newline, carriage return, form feed)
#: above which bytes are taken for a binary file rather than text.
MAX_CONTROL_CHAR_SHARE = 0.05

_TEXT_CONTROLS = {9, 10, 12, 13}
#: Every byte but the control characters, for counting those with ``bytes.translate``.
_NOT_CONTROLS = bytes(byte for byte in range(256) if byte >= 32 or byte in _TEXT_CONTROLS)

#: A UTF-16 surrogate code point on its own: a JSON escape such as "\ud800" can put one in a
#: Python string, but it is not a character, and no encoder, parser or database accepts it.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def check_size(size: int, limit: int, *, source: str) -> None:
    if size > limit:
        raise InputTooLargeError(
            f"input is {size:,} bytes, over the limit of {limit:,} bytes; "
            "raise it with --max-bytes or PRESSLENS_MAX_INPUT_BYTES",
            source=source,
        )


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample and not (sample.startswith(codecs.BOM_UTF16_LE) or sample.startswith(codecs.BOM_UTF16_BE)):
        return True
    controls = len(sample.translate(None, _NOT_CONTROLS))
    return bool(sample) and controls / len(sample) > MAX_CONTROL_CHAR_SHARE


def decode_bytes(data: bytes, *, source: str, limit: int) -> tuple[str, str]:
    """Return ``(text, encoding)`` for ``data``, or raise an :class:`InputError`.

    UTF-8 (with or without BOM) and UTF-16 with BOM are taken as they are;
    anything else goes to charset-normalizer, and is refused if it cannot name
    an encoding that decodes the bytes.
    """
    check_size(len(data), limit, source=source)
    if not data.strip():
        raise EmptyInputError("input is empty", source=source)
    text, encoding = _decode(data, source=source)
    if not text.lstrip("\ufeff").strip():
        raise EmptyInputError("input is empty (it holds only a byte order mark or white space)", source=source)
    return text, encoding


def check_text(text: str, *, source: str | None) -> None:
    """Refuse a string that is not valid Unicode text (a lone surrogate, from a JSON escape or a caller)."""
    match = LONE_SURROGATE.search(text)
    if match is not None:
        raise DecodingError(
            f"text holds a lone surrogate (U+{ord(match.group()):04X} at offset {match.start():,}), which is not a "
            "character; fix the program that wrote it, or replace it with U+FFFD",
            source=source,
        )


def _decode(data: bytes, *, source: str) -> tuple[str, str]:
    for bom in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        if data.startswith(bom):
            try:
                return data.decode("utf-16"), "utf-16"
            except UnicodeDecodeError as exc:
                raise DecodingError(
                    f"input starts with a UTF-16 byte order mark but is not valid UTF-16 ({exc.reason} at byte "
                    f"{exc.start:,}); convert it to UTF-8 first",
                    source=source,
                ) from exc
    if looks_binary(data):
        raise BinaryInputError("input looks like a binary file, not text or HTML", source=source)
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None or best.encoding is None:
            raise DecodingError(
                f"input is not UTF-8 (bad byte at offset {utf8_error.start}) and no other encoding fits; "
                "convert it to UTF-8 first",
                source=source,
            ) from utf8_error
        return str(best), best.encoding
