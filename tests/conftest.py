"""Fixtures shared by several test modules."""
from __future__ import annotations

import os
import shutil

import pytest


@pytest.fixture
def without_file_mode_override() -> tuple[str, ...]:
    """A command prefix under which a chmod-000 file cannot be read: none for a normal user;
    for root, whom chmod 000 does not stop, setpriv without the capabilities that override
    file modes (the test skips where util-linux's setpriv is missing)."""
    if os.geteuid() != 0:
        return ()
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv (util-linux): chmod 000 does not stop root")
    return ("setpriv", "--bounding-set=-dac_override,-dac_read_search")
