"""How wide a word prints, so table columns can be sized from their content.

A handout's font is whatever its template (or the reader's machine) gives: Calibri in
Word, often DejaVu Sans where Calibri is missing (LibreOffice on Linux, PDF pipelines).
Column widths are therefore computed for the widest of these, DejaVu Sans (Bold for
bold text), whose advance widths in ems are below; a column wide enough for a word in that
font is wide enough in Calibri or Arial too. Characters not in the tables count as the
widest capital.
"""

from __future__ import annotations

from collections.abc import Sequence

#: DejaVu Sans Bold advance widths in ems, measured from LibreOffice's PDF output
_BOLD: dict[str, float] = {
    **dict.fromkeys("0123456789", 0.696),
    **dict.fromkeys("#+<=>^~", 0.837),
    **dict.fromkeys("'’‘", 0.379),
    **dict.fromkeys('"“”', 0.52),
    " ": 0.348,
    "!": 0.455,
    "$": 0.696,
    "%": 1.001,
    "&": 0.872,
    "(": 0.457,
    ")": 0.457,
    "*": 0.522,
    ",": 0.379,
    "-": 0.415,
    ".": 0.379,
    "/": 0.365,
    ":": 0.399,
    ";": 0.399,
    "?": 0.579,
    "@": 1.0,
    "[": 0.457,
    "\\": 0.365,
    "]": 0.457,
    "_": 0.499,
    "`": 0.499,
    "{": 0.711,
    "|": 0.365,
    "}": 0.711,
    "–": 0.499,
    "—": 1.0,
    "A": 0.773,
    "B": 0.762,
    "C": 0.734,
    "D": 0.83,
    "E": 0.683,
    "F": 0.683,
    "G": 0.82,
    "H": 0.836,
    "I": 0.372,
    "J": 0.372,
    "K": 0.774,
    "L": 0.636,
    "M": 0.994,
    "N": 0.836,
    "O": 0.85,
    "P": 0.731,
    "Q": 0.85,
    "R": 0.768,
    "S": 0.719,
    "T": 0.681,
    "U": 0.812,
    "V": 0.773,
    "W": 1.102,
    "X": 0.769,
    "Y": 0.724,
    "Z": 0.725,
    "a": 0.673,
    "b": 0.715,
    "c": 0.592,
    "d": 0.715,
    "e": 0.678,
    "f": 0.435,
    "g": 0.715,
    "h": 0.711,
    "i": 0.342,
    "j": 0.342,
    "k": 0.664,
    "l": 0.342,
    "m": 1.042,
    "n": 0.711,
    "o": 0.687,
    "p": 0.715,
    "q": 0.715,
    "r": 0.492,
    "s": 0.594,
    "t": 0.477,
    "u": 0.711,
    "v": 0.652,
    "w": 0.923,
    "x": 0.645,
    "y": 0.652,
    "z": 0.582,
}
#: DejaVu Sans advance widths in ems, measured the same way
_REGULAR: dict[str, float] = {
    " ": 0.318,
    "!": 0.401,
    '"': 0.46,
    "#": 0.837,
    "$": 0.635,
    "%": 0.949,
    "&": 0.779,
    "'": 0.273,
    "(": 0.39,
    ")": 0.39,
    "*": 0.499,
    "+": 0.837,
    ",": 0.318,
    "-": 0.36,
    ".": 0.318,
    "/": 0.337,
    "0": 0.635,
    "1": 0.635,
    "2": 0.635,
    "3": 0.635,
    "4": 0.635,
    "5": 0.635,
    "6": 0.635,
    "7": 0.635,
    "8": 0.635,
    "9": 0.635,
    ":": 0.337,
    ";": 0.337,
    "<": 0.837,
    "=": 0.837,
    ">": 0.837,
    "?": 0.53,
    "@": 1.0,
    "A": 0.683,
    "B": 0.686,
    "C": 0.698,
    "D": 0.768,
    "E": 0.632,
    "F": 0.575,
    "G": 0.774,
    "H": 0.75,
    "I": 0.294,
    "J": 0.294,
    "K": 0.654,
    "L": 0.556,
    "M": 0.862,
    "N": 0.747,
    "O": 0.786,
    "P": 0.603,
    "Q": 0.786,
    "R": 0.693,
    "S": 0.634,
    "T": 0.611,
    "U": 0.73,
    "V": 0.683,
    "W": 0.987,
    "X": 0.684,
    "Y": 0.611,
    "Z": 0.684,
    "[": 0.39,
    "\\": 0.337,
    "]": 0.39,
    "^": 0.837,
    "_": 0.499,
    "`": 0.499,
    "a": 0.613,
    "b": 0.634,
    "c": 0.549,
    "d": 0.634,
    "e": 0.615,
    "f": 0.352,
    "g": 0.634,
    "h": 0.633,
    "i": 0.277,
    "j": 0.277,
    "k": 0.578,
    "l": 0.277,
    "m": 0.973,
    "n": 0.633,
    "o": 0.612,
    "p": 0.634,
    "q": 0.634,
    "r": 0.411,
    "s": 0.52,
    "t": 0.391,
    "u": 0.633,
    "v": 0.591,
    "w": 0.817,
    "x": 0.591,
    "y": 0.591,
    "z": 0.525,
    "{": 0.635,
    "|": 0.337,
    "}": 0.635,
    "~": 0.837,
    "–": 0.499,
    "—": 1.0,
    "‘": 0.318,
    "’": 0.318,
}
_WIDEST = 1.102
_CM_PER_POINT = 2.54 / 72


def text_width(text: str, size: float, *, bold: bool = True) -> float:
    """Width of ``text`` set in ``size`` points, in centimetres (an upper bound)."""
    em = _BOLD if bold else _REGULAR
    return sum(em.get(ch, _WIDEST) for ch in text) * size * _CM_PER_POINT


def longest_word(text: str, size: float, *, bold: bool = True) -> float:
    """Width of the widest word of ``text``: a column narrower than this breaks a word."""
    return max((text_width(word, size, bold=bold) for word in text.split()), default=0.0)


def fit_widths(preferred: Sequence[float], minimums: Sequence[float], total: float) -> list[float]:
    """Column widths adding up to ``total``: ``preferred`` in proportion, but none below its
    minimum; the room for the minimums is taken from the columns with room to spare.

    When the minimums alone do not fit, the columns share ``total`` in proportion to them.
    """
    need = sum(minimums)
    if need >= total:  # words will break; they break least where they need the most
        return [total * m / need for m in minimums]
    scale = sum(preferred)
    widths = [total * p / scale for p in preferred]
    fixed = [False] * len(widths)
    while True:
        short = [i for i, w in enumerate(widths) if not fixed[i] and w < minimums[i] - 1e-9]
        if not short:
            return widths
        for i in short:
            widths[i] = minimums[i]
            fixed[i] = True
        room = total - sum(widths[i] for i in range(len(widths)) if fixed[i])
        free = [i for i in range(len(widths)) if not fixed[i]]
        weight = sum(preferred[i] for i in free)
        for i in free:
            widths[i] = room * preferred[i] / weight
