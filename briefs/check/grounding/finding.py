"""What a grounding check finds: a field, what is wrong with it, and whether it is a warning."""

from __future__ import annotations

from dataclasses import dataclass

from briefs.read.messages import Loc


@dataclass(frozen=True)
class Finding:
    """One thing a text or a fact says that its quotes do not bear out, at its field."""

    loc: Loc
    message: str
    warning: bool = False


def their(what: str) -> str:
    """'the point's quotes'; 'the cited items' quotes' (a takeaway's are those of what it cites)."""
    return f"the {what}' quotes" if what.endswith("s") else f"the {what}'s quotes"
