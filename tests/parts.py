"""The real parts some tests run against (a browser, Varnish, an S3 server): present, or not.

A part that is missing skips its tests on a developer's machine and fails them under CI
(CI=true), where `.ci/run` installs everything: a run that quietly left a part out would pass
without testing it.
"""

import os

import pytest


def under_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require(present: bool, reason: str) -> None:
    """Skip the test when `present` is false, or fail it under CI, where nothing may be missing."""
    if present:
        return
    if under_ci():
        pytest.fail(f"{reason}; CI must provide it (.ci/run installs it)", pytrace=False)
    pytest.skip(reason)
