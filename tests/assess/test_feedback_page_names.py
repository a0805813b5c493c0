"""Every student gets a feedback page of their own, whatever their id looks like."""

from __future__ import annotations

from collabkit.assess.gradebook import page_names

IDS = ["s1001", "carol", "carol.", "", "..", "anonymous", "../../etc/passwd", "Ann Lee", "ann_lee"]


def test_pages_are_distinct_safe_file_names():
    names = page_names(IDS)
    assert len(set(names.values())) == len(IDS)
    for name in names.values():
        assert "/" not in name and not name.startswith(".") and name
        assert name.replace("-", "").replace("_", "").replace(".", "").replace("@", "").isalnum()


def test_a_safe_id_names_its_own_page():
    assert page_names(["s1001", "jdoe@uni.edu"]) == {
        "s1001": "s1001",
        "jdoe@uni.edu": "jdoe@uni.edu",
    }
