"""Facts many pages quote (INTERPOL's member count), filled into text when it is shown.

Staff edit the one `SiteFacts` row in the admin. Text written anywhere on the
site says `{member_countries}` instead of the number, so the number is typed
once. Saving the row bumps the content version (it is a content model), so
every cached page is rendered again with the new value.
"""

import re
from collections.abc import Mapping

from interpolinfo.models import SiteFacts

SINGLE_ROW = 1
FACT_NAMES = ("member_countries",)
_TOKEN = re.compile(r"\{(" + "|".join(FACT_NAMES) + r")\}")


def current_facts() -> dict[str, object]:
    """The facts staff saved, by name: one query. Empty if the row is missing."""
    row = SiteFacts.objects.filter(pk=SINGLE_ROW).values(*FACT_NAMES).first()
    return row or {}


def fill_facts(text: str, *, facts: Mapping[str, object]) -> str:
    """Put each known fact into `text` where it says `{name}`; unknown ones stay."""
    return _TOKEN.sub(lambda token: str(facts.get(token[1], token[0])), text or "")
