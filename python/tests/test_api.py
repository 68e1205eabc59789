"""The package's surface: every public name is typed in the stubs and
documented, and the method list is the command line's."""

import pathlib
import re

import pytest

import negsim
from conftest import run_cli

STUBS = pathlib.Path(negsim.__file__).with_name("__init__.pyi").read_text()


@pytest.mark.parametrize("name", negsim.__all__)
def test_every_public_name_is_in_the_stubs_and_documented(name):
    assert re.search(rf"^(def|class) {name}\b", STUBS, flags=re.M), name
    doc = getattr(negsim, name).__doc__
    assert doc and len(doc.strip()) > 20, name


def test_methods_are_the_registrys():
    _, help_text, _ = run_cli("solve", "--help")
    for info in negsim.methods():
        assert info["name"] in help_text
    # The normal-form methods' table, as the CLI prints it (the .efg methods follow it).
    assert negsim._negsim.method_help() in help_text


def test_help_of_solve_lists_the_options():
    doc = negsim.solve.__doc__
    for option in ["exact", "label", "all_labels", "race", "starts", "seed", "trace", "objective",
                   "max_equilibria", "time_limit"]:
        assert option in doc


def test_bad_time_limits_are_usage_errors():
    g = negsim.bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    for bad in [-1, float("nan")]:
        with pytest.raises(negsim.UsageError, match="time_limit"):
            negsim.solve(g, time_limit=bad)
        with pytest.raises(negsim.UsageError, match="time_limit"):
            negsim.default_scenario().analyze(time_limit=bad)
