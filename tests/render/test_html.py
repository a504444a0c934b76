"""Templates: include chains for exact dependencies, strict filling, locale filters."""

import pytest
from conftest import write

from campaignkit.labels import fill
from campaignkit.locales import join_list, long_date, millions
from campaignkit.render.html import TemplateProblem, fill_template, template_chain


def test_chain_follows_extends_include_and_import(tmp_path):
    t = tmp_path / "templates"
    write(t / "base.html.j2", '{% include "shared/a.css.j2" %}{% block b %}{% endblock %}')
    write(t / "shared/a.css.j2", '{% import "shared/macros.j2" as m %}')
    write(t / "shared/macros.j2", "{% macro x() %}{% endmacro %}")
    write(
        t / "page.html.j2",
        '{% extends "base.html.j2" %}{% block b %}{% include "part.j2" %}{% endblock %}',
    )
    write(t / "part.j2", "x")
    write(t / "unused.j2", "x")
    assert template_chain(t, "page.html.j2") == [
        "base.html.j2", "page.html.j2", "part.j2", "shared/a.css.j2", "shared/macros.j2",
    ]  # fmt: skip


def test_chain_refuses_computed_includes(tmp_path):
    write(tmp_path / "t/page.j2", "{% include name %}")
    with pytest.raises(ValueError, match="includes a template by a computed name"):
        template_chain(tmp_path / "t", "page.j2")


def test_content_is_escaped_never_evaluated(tmp_path):
    write(tmp_path / "templates/p.j2", "<p>{{ c.text }}</p>")
    html = fill_template(tmp_path, "p.j2", {"text": "<script>{{ 7*7 }}</script>"}, {})
    assert html == "<p>&lt;script&gt;{{ 7*7 }}&lt;/script&gt;</p>"


def test_undefined_names_fail_with_file_and_line(tmp_path):
    write(tmp_path / "templates/p.j2", "<p>\n{{ c.missing }}</p>")
    with pytest.raises(TemplateProblem) as err:
        fill_template(tmp_path, "p.j2", {}, {})
    assert str(err.value) == "templates/p.j2:2: 'dict object' has no attribute 'missing'"


def test_syntax_errors_name_the_included_file(tmp_path):
    write(tmp_path / "templates/p.j2", '{% include "q.j2" %}')
    write(tmp_path / "templates/q.j2", "ok\n{% if %}")
    with pytest.raises(TemplateProblem) as err:
        fill_template(tmp_path, "p.j2", {}, {})
    assert (
        str(err.value) == "templates/q.j2:2: Expected an expression, got 'end of statement block'"
    )


def test_locale_filters():
    assert long_date("2022-07-30", "fr_BE") == "30 juillet 2022"
    assert long_date("2022-07-30", "nl_BE") == "30 juli 2022"
    assert long_date("2022-07-30", "de_BE") == "30. Juli 2022"
    assert long_date("2022-07-30", "en_GB") == "30 July 2022"
    assert millions(20900000, "fr_BE").replace("\xa0", " ") == "20,9 millions"
    assert millions(5500000, "en_GB") == "5.5 million"
    assert join_list(["PAG-ASA", "Sürya"], "nl_BE") == "PAG-ASA en Sürya"
    assert (
        join_list(["Une femme", "Une personne"], "fr_BE", inline=True)
        == "une femme et une personne"
    )


def test_fill_replaces_placeholders_only():
    assert fill("À {city} : {city}", city="Liège") == "À Liège : Liège"
    assert fill("{0.__class__} {city}", city="x") == "{0.__class__} x"
