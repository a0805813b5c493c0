"""What notebook 04 "Over-collaboration" uses: the inverted U in models and data, QCA and
the collaboration audit.

Explorers and figures
---------------------
net_benefit()
    Explorer: the five costs of partners against their value, with the best number marked.
partnering_simulation()
    Explorer: firms adding and dropping partners for themselves, against the optimum.
inverted_u(data, title=None)
    Figure: growth against partners in a firm-year panel, with the fitted quadratic and
    its turning point (the title, unless given, says the panel is generated and where
    the fitted curve turns).
ego_network()
    Explorer: a cluster firm's own network and what a new partner adds to it.

Data
----
load_firm_panel()
    120 generated firms over 8 years (``datasets/firm_panel.csv``).
monotone_concave_sample()
    A panel whose growth only levels off: a quadratic still draws a peak in it.
compare_regressions(panel)
    The turning point with partners alone, with controls and with firm fixed effects.
reverse_causality_demo()
    A generated panel where growth brings partners: regressions still find an "effect".
load_network_cases(), calibrated_cases(cases)
    30 generated firms' networks (``datasets/network_cases.csv``) and their fuzzy-set
    memberships.

Analysis
--------
fit_quadratic(x, y, groups)
    The quadratic regression, with standard errors clustered by ``groups``.
two_lines(x, y, groups)
    Simonsohn's two-lines test of an inverted U.
truth_table(members, outcome), minimize(table), solution_fit(members, outcome, solution)
    Qualitative comparative analysis: the truth table, its Boolean minimisation and the
    consistency and coverage of the solution.
read_truth_table(table), read_solution(solution, fit)
    The truth table and the solution in a sentence, the full table behind a toggle.
three_solutions(members, table)
    The conservative, intermediate and parsimonious solutions side by side, and the
    combinations without cases behind their differences.
necessary_conditions(members)
    Which single conditions are necessary for high growth.
case_comparison()
    A structured comparison of four cases by Mill's methods.

The collaboration audit
-----------------------
AuditWidget(table)
    Enter a firm's partnerships (or load a CSV), then run the audit.
example_audit()
    A small bakery's six partnerships, to start the audit from.

The graded task
---------------
task_panel()
    The firm panel of the graded task (today's panel in practice, the course's own in an
    assessed course).
kestrel_print()
    Kestrel Print's twelve partnerships (the graded task's case firm).
"""

from __future__ import annotations

from collabkit.core.lazy import lazy_exports

__all__, __getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "collabkit.widgets.over_collaboration": (
            "net_benefit",
            "partnering_simulation",
            "inverted_u",
            "ego_network",
        ),
        "collabkit.data.firm_panel": (
            "load_firm_panel",
            "monotone_concave_sample",
            "compare_regressions",
            "reverse_causality_demo",
        ),
        "collabkit.data.network_cases": (
            "load_network_cases",
            "calibrated_cases",
            "three_solutions",
            "necessary_conditions",
            "case_comparison",
        ),
        "collabkit.analysis.inverted_u": ("fit_quadratic", "two_lines"),
        "collabkit.analysis.qca": (
            "truth_table",
            "minimize",
            "solution_fit",
            "read_truth_table",
            "read_solution",
        ),
        "collabkit.widgets.over_collaboration_audit": ("AuditWidget",),
        "collabkit.course.over_collaboration_audit": ("example_audit",),
        "collabkit.course.over_collaboration_task": ("task_panel", "kestrel_print"),
    },
)
