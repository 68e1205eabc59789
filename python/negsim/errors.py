"""negsim's errors as Python exceptions.

Each carries the message the command line prints after ``negsim: `` and the
command line's exit code (``exit_code``): InputError 1 (bad input, with
``file``, ``line``, ``column``, ``message`` and ``hint``), UsageError 2 (a bad
call: unknown method, an option the method does not read), LimitError 3 (a
time, size or memory budget; ``result`` holds what was verified before a time
limit, when the call collects several answers).
"""


class NegsimError(Exception):
    """Base class of negsim's errors."""

    exit_code = 4


class InputError(NegsimError, ValueError):
    """Bad input (a scenario, a .nfg, a payoff array): exit code 1."""

    exit_code = 1

    def __init__(self, what, file="", line=0, column=0, message="", hint=""):
        super().__init__(what)
        self.file = file
        self.line = line
        self.column = column
        self.message = message or what
        self.hint = hint


class UsageError(NegsimError, ValueError):
    """A bad call (unknown name, option that does not apply): exit code 2."""

    exit_code = 2


class LimitError(NegsimError, RuntimeError):
    """A limit was reached (time_limit, max_profiles, memory): exit code 3."""

    exit_code = 3
    result = None


class InternalError(NegsimError, RuntimeError):
    """A bug in negsim (exit code 4): please report it."""

    exit_code = 4
