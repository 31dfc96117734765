"""``combined update --without/--with/--backend-prefix/--set``: the recorded options, changed.

What the command judges alone, before it clones or renders anything (every
project has these); the end-to-end change of a generated project's features is
tested in the template repository. Feature names here are made up: the rules do
not depend on which features a template has.
"""

from __future__ import annotations

import pytest

from combined.tools.update.options import OptionChange, OptionError, renderer_problem

RECORDED = {"name": "acme", "backend_prefix": "/backend", "features": ["alpha", "beta"]}


def test_no_option_is_no_change():
    change = OptionChange.parse(None, None, None)
    assert not change


def test_without_and_with_change_the_feature_list_and_nothing_else():
    change = OptionChange.parse("beta", " gamma, ", "internal/")
    changed = change.applied_to({**RECORDED, "beta": "its own mode"})
    assert changed == {
        "name": "acme",
        "backend_prefix": "/internal",
        "features": ["alpha", "gamma"],
    }  # a feature's own option (recorded under its name) goes with it
    assert RECORDED["features"] == ["alpha", "beta"]  # the record itself is not touched


def test_set_changes_a_features_own_option_the_project_has_after_the_change():
    change = OptionChange.parse(None, "gamma", None, ("gamma=its mode", " beta = other "))
    assert change
    changed = change.applied_to({**RECORDED, "beta": "old"})
    assert (changed["gamma"], changed["beta"]) == ("its mode", "other")
    assert changed["features"] == ["alpha", "beta", "gamma"]


@pytest.mark.parametrize(
    ("set_", "message"),
    [
        (("gamma=x",), "--set: 'gamma' is not one of its features, after this change (alpha"),
        (("beta",), "--set: 'beta' is not FEATURE=VALUE"),
        (("beta=",), "--set: 'beta=' is not FEATURE=VALUE"),
        (("beta=x", "beta=y"), "--set: 'beta' is set twice; set it once"),
    ],
)
def test_a_bad_set_is_one_line_naming_it(set_, message):
    with pytest.raises(OptionError) as excinfo:
        OptionChange.parse(None, None, None, set_).applied_to(RECORDED)
    assert str(excinfo.value.code).startswith(f"combined update: {message}")


def test_a_feature_taken_out_cannot_be_set():
    with pytest.raises(OptionError) as excinfo:
        OptionChange.parse("beta", None, None, ("beta=x",)).applied_to(RECORDED)
    assert "--set: 'beta' is not one of its features, after this change (alpha)" in str(
        excinfo.value.code
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("gamma", None, None), "--without: 'gamma' is not one of its features (alpha, beta)"),
        ((None, "alpha", None), "--with: the project has 'alpha' already"),
        (("alpha", "alpha", None), "--with: 'alpha' is also in --without; name it once"),
        ((" , ", None, None), "--without: name at least one feature"),
        ((None, None, "/"), "--backend-prefix: must name a path such as /backend"),
        ((None, None, "/a b"), "--backend-prefix: segment 'a b' is not a plain URL path"),
    ],
)
def test_a_bad_option_is_one_line_naming_it(args, message):
    with pytest.raises(OptionError) as excinfo:
        OptionChange.parse(*args).applied_to(RECORDED)
    assert str(excinfo.value.code).startswith(f"combined update: {message}")
    assert "\n" not in str(excinfo.value.code)


def test_the_renderers_line_about_an_option_becomes_this_commands():
    added = OptionChange.parse(None, "delta", None)
    unknown = "unknown feature 'delta'; the features are alpha, beta"
    assert renderer_problem(f"combined new: --features: {unknown}", added) == f"--with: {unknown}"
    taken = "/x holds the pages of the alpha feature"
    line = f"combined new: --backend-prefix: {taken}"
    assert renderer_problem(line, added) == f"--backend-prefix: {taken}"
    assert renderer_problem("combined new: template: no line matching", added) is None
    mode = OptionChange.parse(None, None, None, ("alpha=bogus",))
    line = "combined new: --alpha: Input should be 'one' or 'two'"
    assert renderer_problem(line, mode) == "--set alpha: Input should be 'one' or 'two'"
