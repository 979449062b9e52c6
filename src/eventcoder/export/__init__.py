"""Event writers shared by ``eventcoder code`` and ``eventcoder export``.

>>> from eventcoder.export import write_events
>>> write_events(events, "out.csv", format="csv", profile="gdelt")   # doctest: +SKIP

See ``docs/export-profiles.md`` for the column mappings.
"""
from eventcoder.export.profiles import (
    GDELT_COLUMNS,
    ICEWS_COLUMNS,
    PLOVER_ENTITY_FIELDS,
    PLOVER_FIELDS,
    POLECAT_COLUMNS,
    PROFILES,
    Profile,
)
from eventcoder.export.writers import FORMATS, PROFILE_NAMES, flatten, unflatten, write_events

__all__ = [
    "write_events", "FORMATS", "PROFILE_NAMES", "PROFILES", "Profile", "flatten", "unflatten",
    "GDELT_COLUMNS", "ICEWS_COLUMNS", "POLECAT_COLUMNS", "PLOVER_FIELDS", "PLOVER_ENTITY_FIELDS",
]
