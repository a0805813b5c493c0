"""The data sets in ``datasets/``: each regenerates to the shipped bytes, has its data
dictionary entry in ``datasets/README.md``, and loads from the files (or, without them,
from its generator).

Every generator runs once for this module (the ``generated`` fixture), and the
``collabkit datasets`` checks below reuse that output. Only the loader tests generate
again, because generating when the files are missing is what they test.
"""

from __future__ import annotations

import importlib
import shutil
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import networkx as nx
import pandas as pd
import pytest

from collabkit import data
from collabkit.cli import main
from collabkit.core import shipped
from collabkit.data import cluster, firm_panel, network_cases, sellers
from tests.conftest import REPO

DATASETS = REPO / "datasets"
GENERATORS: tuple[ModuleType, ...] = tuple(map(importlib.import_module, data.GENERATORS))
#: Every CSV file a generator writes.
FILES = sorted(name for module in GENERATORS for name in module.FILES)


def _readme() -> str:
    return (DATASETS / "README.md").read_text(encoding="utf-8")


def _columns(csv_text: str) -> list[str]:
    """The header of a CSV text (no column name of the course's data sets has a comma)."""
    return csv_text.split("\n", 1)[0].split(",")


@pytest.fixture(scope="module")
def generated() -> Iterator[dict[str, str]]:
    """File name → CSV text from one run of every generator at its default seed.

    While this module runs, each generator's ``csv_texts()`` hands back that run, so the
    command-line checks compare the files without generating the data again.
    """
    texts: dict[str, str] = {}
    with pytest.MonkeyPatch.context() as patch:
        for module in GENERATORS:
            once = module.csv_texts()
            texts.update(once)
            patch.setattr(module, "csv_texts", _replay(module, once))
        yield texts


def _replay(module: ModuleType, once: dict[str, str]):
    generate = module.csv_texts

    def csv_texts(seed: int = module.SEED) -> dict[str, str]:
        return dict(once) if seed == module.SEED else generate(seed)

    return csv_texts


# --- same bytes ---------------------------------------------------------------------------
def test_every_csv_file_comes_from_a_generator(generated):
    assert sorted(p.name for p in DATASETS.glob("*.csv")) == sorted(generated) == FILES


@pytest.mark.parametrize("name", FILES)
def test_regenerating_gives_the_shipped_bytes(generated, name):
    assert (DATASETS / name).read_bytes() == generated[name].encode("utf-8"), name


def test_the_datasets_command_finds_every_file_up_to_date(generated):
    assert main(["datasets", "--check"]) == 0


def test_datasets_check_reports_a_stale_file(generated, tmp_path, capsys):
    main(["datasets", "--out", str(tmp_path)])
    (tmp_path / "cluster_firms.csv").write_text("firm_id\n", encoding="utf-8")
    assert main(["datasets", "--check", "--out", str(tmp_path)]) == 1
    assert "cluster_firms.csv" in capsys.readouterr().err


# --- data dictionary ----------------------------------------------------------------------
@pytest.mark.parametrize("name", FILES)
def test_every_file_and_column_has_a_data_dictionary_entry(generated, name):
    readme = _readme()
    assert f"`{name}`" in readme
    for column in _columns(generated[name]):
        assert f"`{column}`" in readme, column


def test_the_network_cases_entry_gives_the_calibration_anchors():
    readme = _readme()
    assert "## Network cases for QCA (notebook 04)" in readme
    for name, anchors in network_cases.CALIBRATION.items():
        row = f"| `{name}` | `{anchors.column}` | {anchors.full_non:g} | "
        assert f"{row}{anchors.crossover:g} | {anchors.full_in:g} |" in readme, name


# --- loaders ------------------------------------------------------------------------------
def test_cluster_graph_matches_the_files():
    graph = cluster.load_cluster()
    firms = pd.read_csv(DATASETS / "cluster_firms.csv")
    links = pd.read_csv(DATASETS / "cluster_partnerships.csv")
    assert graph.number_of_nodes() == len(firms) == cluster.N_FIRMS
    assert graph.number_of_edges() == len(links)
    assert graph.nodes["F01"]["name"] == "Sweet Crumb Bakery"
    assert graph.nodes["F01"]["capabilities"] == ["baking", "catering"]
    assert nx.is_connected(graph.subgraph(["F01", "F02", "F03"]))  # the running example
    assert set(firms["town"]) <= set(cluster.TOWNS)
    assert firms["firm_id"].is_unique and firms["name"].is_unique


def test_the_cluster_loader_generates_the_data_when_the_files_are_missing(tmp_path):
    assert nx.utils.graphs_equal(cluster.load_cluster(tmp_path), cluster.load_cluster())


TABLE_LOADERS = {
    "firm_panel.csv": firm_panel.load_firm_panel,
    "network_cases.csv": network_cases.load_network_cases,
    "platform_sellers.csv": sellers.load_sellers,
}


@pytest.mark.parametrize("name", sorted(TABLE_LOADERS))
def test_a_table_loader_reads_the_file_or_generates_it_when_missing(name, tmp_path):
    shipped = pd.read_csv(DATASETS / name)
    load = TABLE_LOADERS[name]
    pd.testing.assert_frame_equal(load(), shipped)
    pd.testing.assert_frame_equal(load(tmp_path), shipped)


# --- installed from a wheel ---------------------------------------------------------------
@pytest.fixture
def installed(tmp_path, monkeypatch) -> Path:
    """The kit as installed from a wheel, outside any checkout: the data sets the package
    ships are in ``collabkit/_course/datasets``, a copy of the repository's."""
    package = tmp_path / "site-packages" / "collabkit"
    shutil.copytree(DATASETS, package / shipped.PACKAGE_FOLDER / "datasets")
    monkeypatch.setattr(shipped, "checkout_root", lambda: None)
    monkeypatch.setattr(shipped, "files", lambda name: package)
    return package / shipped.PACKAGE_FOLDER / "datasets"


def test_installed_the_loaders_read_the_data_sets_shipped_in_the_package(installed):
    assert data.datasets_dir() == installed
    few = pd.read_csv(installed / "platform_sellers.csv").head(3)
    few.to_csv(installed / "platform_sellers.csv", index=False)
    pd.testing.assert_frame_equal(sellers.load_sellers(), few)


def test_installed_the_datasets_command_writes_only_to_out(generated, installed, tmp_path, capsys):
    before = {p.name: p.read_bytes() for p in installed.iterdir()}
    assert main(["datasets"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("collabkit:") and "--out DIR" in err and err.count("\n") == 1
    assert {p.name: p.read_bytes() for p in installed.iterdir()} == before
    assert not (tmp_path / "site-packages" / "datasets").exists()
    assert main(["datasets", "--check"]) == 0  # the shipped files are the generators' bytes
    out = tmp_path / "regenerated"
    assert main(["datasets", "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == FILES


# --- what the generated data show ----------------------------------------------------------
def test_same_town_and_trading_sectors_partner_more_often():
    graph = cluster.load_cluster()
    nodes = graph.nodes
    same = [nodes[a]["town"] == nodes[b]["town"] for a, b in graph.edges]
    pairs = [(a, b) for a in graph for b in graph if a < b]
    base = sum(nodes[a]["town"] == nodes[b]["town"] for a, b in pairs) / len(pairs)
    assert sum(same) / len(same) > base


# --- the real data set: Padgett's Florentine business ties ---------------------------------
def test_the_florentine_business_ties_match_the_published_network():
    """Known facts of ``flobusiness`` (Breiger & Pattison 1986; statnet): 16 families, 15
    ties, the Medici with 5 business partners, the Ginori tied to the Barbadori and the
    Medici only, five families without a business tie, and exactly one shortest path
    between the Medici and the Peruzzi (through the Barbadori)."""
    from collabkit.data.florentine_business import load_business

    graph = load_business()
    assert graph.number_of_nodes() == 16 and graph.number_of_edges() == 15
    assert graph.degree("Medici") == 5 == max(d for _, d in graph.degree)
    assert set(graph["Ginori"]) == {"Barbadori", "Medici"}
    isolated = {family for family, d in graph.degree if d == 0}
    assert isolated == {"Acciaiuoli", "Albizzi", "Pucci", "Ridolfi", "Strozzi"}
    assert list(nx.all_shortest_paths(graph, "Medici", "Peruzzi")) == [
        ["Medici", "Barbadori", "Peruzzi"]
    ]
    assert nx.density(graph) == pytest.approx(15 / 120)
    # the same families as networkx's marriage network, plus the Pucci it leaves out
    assert set(graph) == set(nx.florentine_families_graph()) | {"Pucci"}


def test_the_business_loader_works_without_the_file(tmp_path):
    from collabkit.data.florentine_business import load_business

    assert nx.utils.graphs_equal(load_business(tmp_path), load_business())


def test_every_generated_data_set_says_it_is_generated_and_the_real_one_its_licence():
    readme = _readme()
    assert readme.count("**generated**") >= 1 and "*Licence*" in readme
    assert "Padgett" in readme and "Breiger" in readme
