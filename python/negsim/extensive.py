"""Extensive-form games: Gambit .efg trees, read, written, inspected and
solved with the extensive-form methods of negsim's registry (as
``negsim solve GAME.efg`` does)."""

from ._negsim import ExtensiveGame


def read_efg(path):
    """read_efg(path) -> ExtensiveGame: a Gambit .efg file, as ``negsim solve
    GAME.efg`` reads it (errors: InputError with file:line:col)."""
    return ExtensiveGame.read_efg(str(path))


def from_efg(text, name="<string>"):
    """from_efg(text, name="<string>") -> ExtensiveGame: a game from .efg text; errors name ``name``."""
    return ExtensiveGame.from_efg(text, name)
