"""Statistics as a business student reads them: a plain sentence with rounded numbers, the
full numbers behind an HTML <details> toggle, and never a Python repr."""

from __future__ import annotations

import re

import numpy as np
import pytest

from collabkit.analysis.inverted_u import fit_quadratic, turning_point, two_lines, u_test
from collabkit.analysis.qca import minimize, read_solution, read_truth_table, solution_fit
from collabkit.analysis.qca import truth_table as make_truth_table
from collabkit.core.reading import Reading
from collabkit.data.firm_panel import load_firm_panel, monotone_concave_sample
from collabkit.data.network_cases import calibrated_cases, load_network_cases

#: What a dataclass repr looks like: ``UTest(statistic=…``.
REPR = re.compile(r"\b[A-Z][A-Za-z]+\([a-z_]+=")


def _panels():
    panel = load_firm_panel()
    early = panel[panel["year"] <= 2020]
    concave = monotone_concave_sample()
    return early, concave


def _columns(data):
    return data["partners"], data["revenue_growth"], data["firm_id"]


def _html_and_text(result) -> tuple[str, str]:
    return result._repr_html_(), str(result)


def _check_reading(result, *full_numbers: float) -> str:
    html, text = _html_and_text(result)
    assert not REPR.search(text) and not REPR.search(html)
    assert text and text in html.replace("&lt;", "<").replace("&gt;", ">")
    assert "<details>" in html and "<summary>" in html
    for value in full_numbers:  # behind the toggle, to four decimals
        assert f"{value:.4f}".rstrip("0") in html
    return text


def test_the_u_test_that_cannot_reject_says_so_with_a_rounded_p_value():
    _, concave = _panels()
    result = u_test(*_columns(concave))
    text = _check_reading(result, result.p_value, result.t_high)
    assert text.startswith(f"The U-test cannot reject a monotone curve (p = {result.p_value:.2f})")
    assert "high end of the data" in text
    assert str(round(result.p_value, 4)) not in text  # rounded in the sentence


def test_the_u_test_that_finds_an_inverted_u_says_so():
    early, _ = _panels()
    result = u_test(*_columns(early))
    text = _check_reading(result, result.t_low)
    assert text.startswith("The U-test supports an inverted U (p < 0.001)")


def test_the_turning_point_reads_as_a_number_with_its_interval():
    early, _ = _panels()
    turn = turning_point(*_columns(early))
    text = _check_reading(turn, turn.estimate, turn.ci_high)
    assert (
        f"turns at {turn.estimate:.2f} (95% confidence interval {turn.ci_low:.2f} to "
        f"{turn.ci_high:.2f}), inside the range of the data" in text
    )
    x = np.arange(13.0)
    unbounded = turning_point(x, 0.001 * x**2 + np.sin(x), method="fieller")
    if not np.isfinite(unbounded.ci_high):
        assert "cannot pin it down" in str(unbounded)


def test_the_two_lines_test_and_the_fit_read_as_sentences():
    _, concave = _panels()
    lines = two_lines(*_columns(concave))
    text = _check_reading(lines, lines.slope_high)
    assert text.startswith("The two-lines test does not find an inverted U")
    assert "but not significantly" in text
    fit = fit_quadratic(*_columns(concave))
    text = _check_reading(fit, fit.b2)
    assert "bends like an inverted U" in text and "120 groups" in text


def test_qca_tables_read_as_sentences():
    members = calibrated_cases(load_network_cases())
    table = make_truth_table(members, "high_growth")
    reading = read_truth_table(table)
    assert isinstance(reading, Reading)
    judged = int(table["outcome"].notna().sum())
    positive = int((table["outcome"] == 1).sum())
    assert str(reading).startswith(
        f"Of the {len(table)} possible combinations of the 4 conditions, {judged} hold cases: "
        f"{positive} of them lead to the outcome consistently (consistency at least 0.80)"
    )
    assert "<details>" in reading._repr_html_()
    solution = minimize(table)
    fit = solution_fit(members, "high_growth", solution)
    text = str(read_solution(solution, fit))
    assert text.startswith("High growth comes with either (not many partners and complementary)")
    assert f"consistency of {fit.loc['solution', 'consistency']:.2f}" in text
    assert not REPR.search(solution._repr_html_())
    assert "~many_partners*complementary" in solution._repr_html_()  # notation in the toggle


@pytest.mark.parametrize(("p", "text"), [(0.19898, "p = 0.20"), (0.0041, "p = 0.004"),
                                         (3e-9, "p < 0.001"), (0.05, "p = 0.05")])  # fmt: skip
def test_p_values_are_written_as_readers_write_them(p, text):
    from collabkit.core.reading import p_value

    assert p_value(p) == text
