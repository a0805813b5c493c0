"""The hub fixture: a real JupyterHub for the module, or a clear skip (a failure in CI)."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.browser.lab import find_chromium
from tests.hub.hub import Hub, find_proxy, start_hub


@pytest.fixture(scope="module")
def hub(tmp_path_factory) -> Hub:
    """A JupyterHub on 127.0.0.1 with random ports, stopped after the module's tests."""
    needed = (("configurable-http-proxy", find_proxy()), ("git", shutil.which("git")),
              ("chromium", find_chromium()))  # fmt: skip
    missing = [name for name, found in needed if not found]
    if missing:
        message = (f"{' and '.join(missing)} not found: install Node.js/npm, git and Debian's "
                   "chromium and run make test (it installs configurable-http-proxy into "
                   "build/chp)")  # fmt: skip
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    started = start_hub(tmp_path_factory.mktemp("hub"))
    yield started
    started.stop()
