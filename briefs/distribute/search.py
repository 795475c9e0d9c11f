"""The published folder's search index: Pagefind (PyPI `pagefind`, its binary from
`pagefind-bin`, nothing downloaded at run time) indexes the HTML briefs of both languages into
one index, which the index page's search box (Pagefind's UI) queries in the reader's browser."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor

log = logging.getLogger(__name__)

SEARCH_FOLDER = "pagefind"
"""Where the index and Pagefind's UI (pagefind-ui.js, pagefind-ui.css) are written."""


def search_index(pages: Mapping[str, bytes], language: str) -> dict[str, bytes]:
    """Pagefind's index of pages (site path -> HTML) and its UI, as files (path under the
    published folder -> content). One index for every language (language names it, as the
    index page's lang does), so that a word of either language finds its brief."""
    from pagefind.service import PagefindService

    async def build() -> dict[str, bytes]:
        # The disclosures' labels, the links and the print annex (the disclosures' quotes
        # again) would fill the results' excerpts with words no reader searched for.
        config = {
            "force_language": language,
            "exclude_selectors": ["details.quote > summary", "nav", ".evidence"],
        }
        async with PagefindService() as service:
            index = await service.create_index(config)  # type: ignore[arg-type]
            for path, html in sorted(pages.items()):
                await index.add_html_file(content=html.decode("utf-8"), url=path)
            # Taken as bytes and written by publish: Pagefind 1.5.2's own write_files returns
            # before its files are complete, and its service is then stopped (two
            # publications differed, one file cut short).
            found = await index.get_files()
        return {f"{SEARCH_FOLDER}/{f['path']}": f["content"] for f in found}

    # Pagefind's API is asyncio: run on a thread of its own, so that a caller that already
    # runs an event loop (a sync Playwright session, an async server) can publish too.
    with ThreadPoolExecutor(max_workers=1) as pool:
        files = pool.submit(lambda: asyncio.run(build())).result()
    log.info("search index: %d pages, %d files", len(pages), len(files))
    return files
