"""Templates: include chains for exact dependencies, sandboxed strict filling, locale filters."""

from pathlib import Path

import pytest
from conftest import copy_project, edit, run_doit, snapshot, write

from campaignkit.labels import fill
from campaignkit.locales import join_list, long_date, millions
from campaignkit.render.html import TemplateProblem, fill_template, isolate, template_chain


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
    # no-break spaces: a date or a number with its unit never breaks over two lines
    assert long_date("2022-07-30", "fr_BE") == "30\xa0juillet\xa02022"
    assert long_date("2022-07-30", "nl_BE") == "30\xa0juli\xa02022"
    assert long_date("2022-07-30", "de_BE") == "30.\xa0Juli\xa02022"
    assert long_date("2022-07-30", "en_GB") == "30\xa0July\xa02022"
    assert millions(20900000, "fr_BE") == "20,9\xa0millions"
    assert millions(5500000, "en_GB") == "5.5\xa0million"
    assert join_list(["PAG-ASA", "Sürya"], "nl_BE") == "PAG-ASA en Sürya"
    assert (
        join_list(["Une femme", "Une personne"], "fr_BE", inline=True)
        == "une femme et une personne"
    )


def test_fill_replaces_placeholders_only():
    assert fill("À {city} : {city}", city="Liège") == "À Liège : Liège"
    assert fill("{0.__class__} {city}", city="x") == "{0.__class__} x"


#: What every refusal ends with.
ONLY = (
    "; a template may only read c (the content), brand and p (the renderer's settings), "
    "and use the filters campaignkit gives"
)


def refused(what: str) -> str:
    return f"templates/p.j2:2: refused: access to attribute {what} is unsafe{ONLY}"


#: name -> (the template's second line, the one line fill_template raises)
ESCAPES = {
    "globals via cycler": (
        """{{ cycler.__init__.__globals__.os.popen("cat /etc/hostname").read() }}""",
        refused("'__init__' of 'Cycler' class"),
    ),
    "globals via lipsum": (
        "{{ lipsum.__globals__['os'].popen('id').read() }}",
        refused("'__globals__' of 'function' object"),
    ),
    "globals via joiner": (
        "{{ joiner.__init__.__globals__.os }}",
        refused("'__init__' of 'Joiner' class"),
    ),
    "globals via self": (
        "{{ self.__init__.__globals__.__builtins__ }}",
        refused("'__init__' of 'TemplateReference' object"),
    ),
    "class of the content": ("{{ c.__class__ }}", refused("'__class__' of 'dict' object")),
    "subclasses": (
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        refused("'__class__' of 'str' object"),
    ),
    "os": ("{{ os.popen('id') }}", f"templates/p.j2:2: 'os' is undefined{ONLY}"),
    "open": (
        "{{ open('/etc/hostname').read() }}",
        f"templates/p.j2:2: 'open' is undefined{ONLY}",
    ),
    "builtins": (
        "{{ __builtins__.open('/etc/hostname') }}",
        f"templates/p.j2:2: '__builtins__' is undefined{ONLY}",
    ),
    "range's self": ("{{ range.__self__ }}", refused("'__self__' of 'function' object")),
    "attr filter": ("{{ c | attr('__class__') }}", refused("'__class__' of 'dict' object")),
    "subscript": ("{{ c['__class__'] }}", refused("'__class__' of 'dict' object")),
    "format string": (
        "{{ '{0.__class__}'.format(c) }}",
        refused("'__class__' of 'dict' object"),
    ),
    "format string mutating": (
        "{{ '{0.labels.update}'.format(c) }}",
        refused("'update' of 'dict' object"),
    ),
    "update the content": ("{{ c.labels.update(x=1) }}", refused("'update' of 'dict' object")),
    "update by subscript": (
        "{{ c.labels['update'](x=1) }}",
        refused("'update' of 'dict' object"),
    ),
    "append to the content": (
        "{{ c.themes.append('x') }}",
        refused("'append' of 'list' object"),
    ),
    "pop from the content": (
        "{% if c.labels.pop('a') %}{% endif %}",
        refused("'pop' of 'dict' object"),
    ),
    "huge range": (
        "{{ range(10 ** 9) | list }}",
        "templates/p.j2:2: OverflowError: Range too big. The sandbox blocks ranges larger than "
        "MAX_RANGE (100000).",
    ),
}


@pytest.mark.parametrize("case", sorted(ESCAPES))
def test_templates_cannot_run_code_or_change_the_content(tmp_path, case):
    line, message = ESCAPES[case]
    write(tmp_path / "templates/p.j2", "<p>\n" + line + "</p>")
    context = {"labels": {"a": "A"}, "themes": ["shine"]}
    with pytest.raises(TemplateProblem) as err:
        fill_template(tmp_path, "p.j2", context, {"heart": "blue-heart.svg"})
    assert str(err.value) == message
    assert err.value.__cause__ is None and err.value.__suppress_context__
    assert context == {"labels": {"a": "A"}, "themes": ["shine"]}


def test_a_refusal_names_the_included_file_and_its_line(tmp_path):
    write(tmp_path / "templates/p.j2", '<p>\n{% include "q.j2" %}</p>')
    write(tmp_path / "templates/q.j2", "{{ c.a }}\n\n{{ c.a.__class__ }}")
    with pytest.raises(TemplateProblem) as err:
        fill_template(tmp_path, "p.j2", {"a": "x"}, {})
    assert str(err.value) == (
        f"templates/q.j2:3: refused: access to attribute '__class__' of 'str' object is unsafe{ONLY}"
    )


def test_the_sandbox_still_fills_what_templates_use(tmp_path):
    write(
        tmp_path / "templates/p.j2",
        "{% set L = c.labels %}{% for k, v in L.items() %}{{ k }}={{ v }};{% endfor %}"
        "{{ c.href.rsplit('/', 1)[-1] }};{{ '{0}!'.format(L.a) }};"
        "{% for t in c.themes %}{{ loop.index }}{{ t }}{% endfor %};{{ brand.heart }};{{ p.x }}",
    )
    context = {"labels": {"a": "A"}, "href": "x/y.pdf", "themes": ["s"]}
    html = fill_template(tmp_path, "p.j2", context, {"heart": "h.svg"}, {"x": 1})
    assert html == "a=A;y.pdf;A!;1s;h.svg;1"


def test_chain_parses_in_the_sandbox_that_fills(tmp_path):
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from campaignkit.render.html import environment

    write(tmp_path / "t/page.j2", "{{ c.a }}")
    environment.cache_clear()
    assert template_chain(tmp_path / "t", "page.j2") == ["page.j2"]
    assert environment.cache_info().currsize == 1
    assert isinstance(environment(str(tmp_path / "t")), ImmutableSandboxedEnvironment)


HOSTNAME_EDIT = """{{ cycler.__init__.__globals__.os.popen("cat /etc/hostname").read() }}"""


def test_a_template_running_a_command_fails_its_leaflets_in_one_line(tmp_path):
    root = copy_project(tmp_path / "p", cities=("brussels",))
    leaflets = ("run", "leaflet:brussels-fr", "leaflet:brussels-nl")
    assert run_doit(root, *leaflets).code == 0
    before = snapshot(root / "build")
    day = '<p class="day-name">{{ c.day.name | isolate(c.dir) }}</p>'
    edit(
        root / "templates/leaflet/leaflet.html.j2", day, f'<p class="day-name">{HOSTNAME_EDIT}</p>'
    )
    result = run_doit(root, *leaflets)
    assert result.tasks == {"leaflet:brussels-fr": "fail", "leaflet:brussels-nl": "fail"}
    for lang in ("fr", "nl"):
        assert result.errors[f"leaflet:brussels-{lang}"].splitlines() == [
            f"leaflet brussels-{lang}: templates/leaflet/leaflet.html.j2:18: refused: access to "
            f"attribute '__init__' of 'Cycler' class is unsafe{ONLY}"
        ]
    said = result.out + result.err + "".join(result.errors.values())
    assert "Traceback" not in said
    hostname = Path("/etc/hostname").read_text().strip()
    assert hostname not in said.replace("hostname", "")  # the template's own text says it
    assert snapshot(root / "build") == before  # the last good leaflets are untouched


@pytest.mark.parametrize(("text", "isolated"), [
    ("مرکز PAG-ASA (Brussels) و Sürya.",  # brackets go with their run, the full stop stays
     'مرکز <bdi dir="ltr">PAG-ASA (Brussels)</bdi> و <bdi dir="ltr">Sürya</bdi>.'),
    ("سازمان ملل (UNODC)", 'سازمان ملل (<bdi dir="ltr">UNODC</bdi>)'),
    ("سایت stopmensenhandel.be را", 'سایت <bdi dir="ltr">stopmensenhandel.be</bdi> را'),
    ("۳۰ جولای ۲۰۲۲ و ۲۰٫۹", "۳۰ جولای ۲۰۲۲ و ۲۰٫۹"),  # Persian digits read right by themselves
    ("در 2022 <>", 'در <bdi dir="ltr">2022</bdi> &lt;&gt;'),  # escaped
])  # fmt: skip
def test_isolate_wraps_left_to_right_runs_of_right_to_left_text(text, isolated):
    assert isolate(text, "rtl") == isolated
    assert isolate(text, "ltr") == text.replace("<", "&lt;").replace(">", "&gt;")
