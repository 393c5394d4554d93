"""A module docstring is not an instruction."""
from __future__ import annotations

limit: int = 5
unset: str


def scaled(value: int, factor: int) -> int:
    """Function docstrings are dropped too."""
    ...
    result: int = value * factor
    return result


print(limit, scaled(limit, 3))
