"""The proxy tests' rule for HAProxy (``scripts/serve`` itself is started by ``devkit.serve``):
with PANTAU_REQUIRE_PROXY=1 (set by .ci/run, which installs Debian's haproxy) a missing HAProxy
fails the proxy tests instead of skipping them.
"""
from __future__ import annotations

import os

import pytest

from devkit.serve import haproxy_path

REQUIRE = "PANTAU_REQUIRE_PROXY"


def haproxy_missing() -> str | None:
    """Why the proxy tests cannot run here, or None when they can (PANTAU_REQUIRE_PROXY=1: fail)."""
    if haproxy_path() is not None:
        return None
    reason = "proxy tests need HAProxy (`apt-get install haproxy`; .ci/run installs it)"
    if os.environ.get(REQUIRE) == "1":
        pytest.fail(f"{reason}; {REQUIRE}=1 forbids skipping them", pytrace=False)
    return reason
