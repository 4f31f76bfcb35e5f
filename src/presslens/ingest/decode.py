"""Turning input bytes into text, or refusing them with a clear reason."""

from __future__ import annotations

import codecs

from ..errors import BinaryInputError, DecodingError, EmptyInputError, InputTooLargeError

#: Share of control characters (other than tab, newline, carriage return, form feed)
#: above which bytes are taken for a binary file rather than text.
MAX_CONTROL_CHAR_SHARE = 0.05

_TEXT_CONTROLS = {9, 10, 12, 13}
#: Every byte but the control characters, for counting those with ``bytes.translate``.
_NOT_CONTROLS = bytes(byte for byte in range(256) if byte >= 32 or byte in _TEXT_CONTROLS)


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
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding), encoding
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
