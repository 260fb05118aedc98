"""Typed errors raised by qa_lib; each names the file it is about."""

from __future__ import annotations


class QALibError(Exception):
    """Base class of every error qa_lib raises on purpose."""


class UnreadableFileError(QALibError, ValueError):
    """A file is binary or cannot be decoded as text."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")

    def __reduce__(self) -> tuple[type, tuple[str, str]]:  # raised in a worker process too
        return (type(self), (self.path, self.reason))


class TaxonomyError(QALibError, ValueError):
    """A taxonomy file is missing a section or holds a cue that does not compile."""


class EmptySourceError(QALibError, ValueError):
    """A folder (or a list of paths) holds no page to read."""


class UnreadableFileWarning(UserWarning):
    """A page in a folder could not be read and was skipped (``strict=False``)."""


class ReportError(QALibError, RuntimeError):
    """The report notebook failed while building a report."""
