"""Column widths from the content: the arithmetic of exporters.text_width."""

from __future__ import annotations

import pytest

from exporters.text_width import fit_widths, longest_word, text_width


def test_bold_text_is_wider_and_width_grows_with_size():
    assert text_width("Communication", 10) > text_width("Communication", 10, bold=False)
    assert text_width("Communication", 12) == pytest.approx(text_width("Communication", 10) * 1.2)
    # DejaVu Sans Bold at 10 points, as LibreOffice sets it: 3.09 cm
    assert text_width("Communication", 10) == pytest.approx(3.09, abs=0.02)


def test_the_longest_word_decides_and_unknown_characters_count_wide():
    assert longest_word("Ownership and impact", 10) == text_width("Ownership", 10)
    assert longest_word("", 10) == 0.0
    assert text_width("日", 10) >= text_width("W", 10)


def test_preferred_widths_stand_when_every_column_has_room():
    assert fit_widths([2, 1, 1], [1, 1, 1], 8.0) == pytest.approx([4.0, 2.0, 2.0])


def test_a_column_too_narrow_for_its_word_takes_room_from_the_others():
    widths = fit_widths([2, 1, 1], [1.0, 3.0, 1.0], 8.0)
    assert sum(widths) == pytest.approx(8.0)
    assert widths[1] == pytest.approx(3.0)
    assert widths[0] == pytest.approx(10 / 3) and widths[2] == pytest.approx(5 / 3)


def test_when_nothing_fits_columns_share_in_proportion_to_their_needs():
    assert fit_widths([1, 1], [6.0, 2.0], 4.0) == pytest.approx([3.0, 1.0])
