"""The tutorial of docs/python.md runs: its ```python blocks are executed in
order, in one namespace, from a scratch folder that sees the project's
scenarios (so the figure it saves lands there, not in the source tree)."""

import os
import re

from conftest import SHARED_DIR, SOURCE_DIR


def python_blocks(text):
    return re.findall(r"^```python\n(.*?)^```", text, flags=re.S | re.M)


def test_the_tutorial_runs(tmp_path, monkeypatch):
    blocks = python_blocks((SOURCE_DIR / "docs" / "python.md").read_text())
    assert len(blocks) >= 6
    work = tmp_path / "project"
    work.mkdir()
    (work / "scenarios").symlink_to(SOURCE_DIR / "scenarios")
    (tmp_path / "shared").symlink_to(SHARED_DIR.resolve())
    monkeypatch.chdir(work)
    namespace = {"__name__": "tutorial"}
    for i, block in enumerate(blocks):
        exec(compile(block, f"docs/python.md block {i + 1}", "exec"), namespace)
    assert (work / "tiktok_sweep.png").stat().st_size > 1000
