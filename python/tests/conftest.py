"""Shared pieces of the Python tests: where the CLI, the project and the
shared oracle games are (CTest sets NEGSIM_EXE, NEGSIM_SOURCE_DIR and
PYTHONPATH; see python/CMakeLists.txt)."""

import os
import pathlib
import subprocess

import pytest

SOURCE_DIR = pathlib.Path(os.environ.get("NEGSIM_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
SHARED_DIR = SOURCE_DIR / ".." / "shared"
GAMBIT_DIR = SHARED_DIR / "games" / "gambit"
NEGSIM_EXE = os.environ.get("NEGSIM_EXE", str(SOURCE_DIR / "build" / "negsim"))


def run_cli(*args, check=True):
    """Runs the negsim executable; returns (exit code, stdout, stderr)."""
    done = subprocess.run([NEGSIM_EXE, *map(str, args)], capture_output=True, text=True, cwd=SOURCE_DIR)
    if check and done.returncode != 0:
        raise AssertionError(f"negsim {' '.join(map(str, args))} exited {done.returncode}: {done.stderr}")
    return done.returncode, done.stdout, done.stderr


def gambit_games():
    return sorted(GAMBIT_DIR.glob("*.nfg"))


@pytest.fixture
def cli():
    return run_cli
