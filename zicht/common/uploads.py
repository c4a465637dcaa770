"""An upload handler that stops receiving a file past ``ZICHT_UPLOAD_MAX_BYTES``.

First in ``FILE_UPLOAD_HANDLERS``: an oversized file is skipped while it streams in, so it is
neither held in memory nor written to disk in full. The field's name is kept on the request
(``uploads_too_large``) so the form can say why the file is missing.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest


class UploadSizeLimitHandler(FileUploadHandler):
    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > settings.ZICHT_UPLOAD_MAX_BYTES:
            if self.request is not None:
                oversized: set[str] = getattr(self.request, "uploads_too_large", set())
                oversized.add(self.field_name)
                self.request.uploads_too_large = oversized  # type: ignore[attr-defined]  # read by uploads_too_large()
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> Any:
        return None  # the next handler (memory or temporary file) keeps the file


def uploads_too_large(request: HttpRequest) -> set[str]:
    """The file fields whose upload was stopped for its size."""
    return set(getattr(request, "uploads_too_large", set()))
