"""Every error presslens raises on purpose, in one place.

Each class carries a short stable ``code`` (like spaCy's ``E001``) so that
scripts can tell failures apart, and an ``exit_code`` that the CLI uses. The
message always names the input at fault and, where there is a choice, the
valid choices.
"""

from __future__ import annotations


class PressLensError(Exception):
    """Base class of every error presslens raises on purpose."""

    code = "PL000"
    exit_code = 1

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.message = message
        self.source = source
        super().__init__(self.one_line())

    def one_line(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"{where}{self.message} [{self.code}]"

    def __reduce__(self):
        # Rebuilt from its attributes, not from ``args`` (the one-line text), so that an error sent back by a
        # worker process keeps its message, source and any subclass field, and says its code once.
        return _restore_error, (type(self), self.__dict__.copy())


def _restore_error(cls: type[PressLensError], state: dict) -> PressLensError:
    error = cls.__new__(cls)
    error.__dict__.update(state)
    Exception.__init__(error, error.one_line())
    return error


class InputError(PressLensError):
    """The input cannot be read as an article."""

    code = "PL100"
    exit_code = 65  # EX_DATAERR


class EmptyInputError(InputError):
    code = "PL101"


class BinaryInputError(InputError):
    code = "PL102"


class InputTooLargeError(InputError):
    code = "PL103"


class DecodingError(InputError):
    code = "PL104"


class MalformedHTMLError(InputError):
    code = "PL105"


class MalformedRecordError(InputError):
    """A JSONL line or another structured record is not what it should be."""

    code = "PL106"


class InputNotFoundError(InputError):
    code = "PL107"
    exit_code = 66  # EX_NOINPUT


class AnalysisLimitError(InputError):
    """The article is beyond what one analysis may take (see the limits in :mod:`presslens.settings`)."""

    code = "PL108"


class AnalysisTimeoutError(AnalysisLimitError):
    """The analysis ran past its wall-clock budget and was stopped."""

    code = "PL109"


class ConfigError(PressLensError):
    """A setting, analyzer name or format name is not valid."""

    code = "PL200"
    exit_code = 64  # EX_USAGE


class UnknownAnalyzerError(ConfigError):
    code = "PL201"


class DuplicateAnalyzerError(ConfigError):
    code = "PL202"


class UnknownFormatError(ConfigError):
    code = "PL203"


class AttributeTypeError(ConfigError):
    """An analyzer's declared attribute type is not a frozen dataclass, or shadows a span key."""

    code = "PL204"


class ReservedLayerError(ConfigError):
    """An analyzer asked for a layer name that the report itself uses."""

    code = "PL205"


class OutputPathError(ConfigError):
    """An output format that writes files (brat, spaCy) was not given a path to write them at."""

    code = "PL209"


class ModelError(PressLensError):
    """A model is missing, not fitted, or cannot be loaded."""

    code = "PL300"
    exit_code = 70  # EX_SOFTWARE


class NotFittedError(ModelError):
    code = "PL301"


class SpanBoundsError(PressLensError):
    """An analyzer produced a span outside the article text: a bug, never user error."""

    code = "PL400"
    exit_code = 70


class ReportVersionError(PressLensError):
    """A report was written by a newer presslens, with a schema version this one cannot read."""

    code = "PL402"
    exit_code = 65


class SpanAttributeError(PressLensError):
    """An analyzer produced a span whose attributes its declared type does not allow: a bug."""

    code = "PL401"
    exit_code = 70


class StoreError(PressLensError):
    """The corpus database cannot be opened, read or written as asked."""

    code = "PL500"
    exit_code = 74  # EX_IOERR


class ArticleNotFoundError(StoreError):
    code = "PL501"
    exit_code = 66  # EX_NOINPUT


class ArticleConflictError(StoreError):
    """An article id is already stored with a different text."""

    code = "PL502"
    exit_code = 65  # EX_DATAERR


class SchemaVersionError(StoreError):
    """The database was written by a newer presslens than this one."""

    code = "PL503"
    exit_code = 70


class DamagedStoreError(StoreError):
    """The file is not a presslens corpus database, or it failed its integrity check: nothing is written to it."""

    code = "PL505"


class QuerySyntaxError(StoreError):
    """A full-text search query is not valid FTS5 syntax."""

    code = "PL504"
    exit_code = 64


class RequestError(PressLensError):
    """An HTTP request to the web app or API is not one it can answer."""

    code = "PL600"
    exit_code = 64


class UnauthorizedError(RequestError):
    """The server requires a token and the request did not carry the right one."""

    code = "PL601"


class NotFoundError(RequestError):
    """No page or endpoint at that path, or a corpus page asked of a server without a database."""

    code = "PL602"
    exit_code = 66


class CrossSiteRequestError(RequestError):
    """A form or API write sent by a page of another site (its Origin is not this server)."""

    code = "PL603"


class UntrustedHostError(RequestError):
    """The request's ``Host`` (or a write's ``Origin``) is not a name this server answers to."""

    code = "PL604"


class ServerBusyError(RequestError):
    """Every analysis slot and queue place is taken: retry after the ``Retry-After`` seconds."""

    code = "PL605"
    exit_code = 75  # EX_TEMPFAIL

    def __init__(self, message: str, *, source: str | None = None, retry_after_s: int = 30) -> None:
        super().__init__(message, source=source)
        self.retry_after_s = retry_after_s


class InternalError(PressLensError):
    """An unexpected failure inside presslens: a bug, reported without its traceback to the client."""

    code = "PL700"
    exit_code = 70
