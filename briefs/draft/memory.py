"""Translation memory: the English the shipped summaries already give an Indonesian text
(offices, kinds of figure, units, nouns), and CLDR's English names of countries and cities."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

log = logging.getLogger(__name__)


@dataclass
class Memory:
    """Indonesian text -> its English twin, as the summaries in sources/meetings/ write it."""

    pairs: dict[str, str] = field(default_factory=dict)

    def fill(self, summary: dict) -> None:
        """Fill the English of each short text the memory knows (not prose)."""
