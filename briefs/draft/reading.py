"""Reading: an article's text from a file."""

from __future__ import annotations

import logging
from pathlib import Path

from ..errors import BriefsError, display_path
from ..validate import MAX_ARTICLE_BYTES

log = logging.getLogger(__name__)


def read_article(path: Path) -> str:
    """An article's text, or a BriefsError saying why it cannot be read."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_ARTICLE_BYTES:
            raise BriefsError(
                f"{display_path(path)}: larger than {MAX_ARTICLE_BYTES} bytes; not an article"
            )
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise BriefsError(f"{display_path(path)}: no such article") from None
    except UnicodeDecodeError:
        raise BriefsError(f"{display_path(path)}: not UTF-8 text") from None
    except OSError as error:
        raise BriefsError(f"{display_path(path)}: {error.strerror or error}") from None
