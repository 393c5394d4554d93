"""Argument checks shared by the fabric's constructors."""

__all__ = ["check_int", "check_bool"]


def check_int(name, value, low, high, *, what=None):
    """Raise unless ``value`` is an ``int`` (not a ``bool``) in ``low..high`` (inclusive).

    A value of another type raises ``TypeError``, an out-of-range integer ``ValueError``; both
    say ``"<name> must be <what>, not <value>"`` (``what`` defaults to the range).
    """
    what = what or f"an integer in range {low}..{high}"
    message = f"{name} must be {what}, not {value!r}"
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(message)
    if not low <= value <= high:
        raise ValueError(message)


def check_bool(name, value):
    """Raise ``TypeError`` unless ``value`` is a ``bool``."""
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be a bool, not {value!r}")
