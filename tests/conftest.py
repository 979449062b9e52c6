"""One conftest: shared fixtures.  Tests that read ../shared skip *with a reason* when it is absent."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"../shared is absent ({SHARED}): evaluation material not available on this machine")
    return SHARED


@pytest.fixture(scope="session")
def coder():
    from eventcoder.coder import Coder

    return Coder()


@pytest.fixture(scope="session")
def coder_monadic():
    """A coder that also keeps events without a target (``--allow-monadic``)."""
    from eventcoder.coder import Coder
    from eventcoder.settings import Settings

    return Coder(Settings(require_target=False))


@pytest.fixture(scope="session")
def coder_all():
    """A coder that keeps negated and hypothetical events (flagged)."""
    from eventcoder.coder import Coder
    from eventcoder.settings import Settings

    return Coder(Settings(include_negated=True, include_hypothetical=True))


def find(events, code_prefix=None, source=None, target=None):
    """Events (dicts) matching a code prefix and source/target code prefixes."""
    out = []
    for e in events:
        if code_prefix and not e["cameo_code"].startswith(code_prefix):
            continue
        if source and not (e["source"]["code"] or "").startswith(source):
            continue
        if target and not (e["target"] and (e["target"]["code"] or "").startswith(target)):
            continue
        out.append(e)
    return out


@pytest.fixture(scope="session")
def coder_examples():
    """Keeps negated, hypothetical and one-sided (no target) events: for lexicon example sentences."""
    from eventcoder.coder import Coder
    from eventcoder.settings import Settings

    return Coder(Settings(include_negated=True, include_hypothetical=True, require_target=False))


@pytest.fixture(scope="session")
def cli_app():
    """The real ``eventcoder`` click group with every command module registered."""
    from eventcoder.cli.main import _register_optional, cli

    _register_optional()
    return cli


@pytest.fixture(scope="session")
def d():
    """The shipped actor dictionary."""
    from eventcoder.actors.dictionary import default_dictionary

    return default_dictionary()


@pytest.fixture(scope="session")
def people(d):
    """The shipped dated people (actors/data/people.yaml)."""
    return [e for e in d.of_kind("person") if e.file.endswith("people.yaml")]
