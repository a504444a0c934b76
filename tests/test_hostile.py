"""A corpus of broken and hostile inputs: each stops the build with its exact message and
leaves build/ as it was (issue 7)."""

import os
import shutil

import pytest
from conftest import copy_project, edit, run_doit, snapshot, write
from PIL import Image
from test_images import encoded, png_claiming


def city(root, text):
    write(root / "content/cities/brussels.yaml", text)


CITY = "name: {fr: Bruxelles, nl: Brussel}\nlanguages: [fr, nl]\nevents:\n  - date: 2022-07-30\n    kind: stand\n"
OUTSIDE = "/tmp/campaignkit-hostile-outside.yaml"
JPEG = encoded(Image.new("RGB", (40, 20), "#0B5CAD"), "JPEG")


def photo(root, data):
    """Brussels with a photo whose bytes are `data`."""
    (root / "content/photos").mkdir()
    (root / "content/photos/grand-place.jpg").write_bytes(data)
    city(root, CITY + "image: photos/grand-place.jpg\nimage_alt: {fr: x, nl: x}\n")


#: name -> the change to make
CASES = {
    "invalid yaml": lambda r: city(r, "name: {fr: Bruxelles\nlanguages: [fr]\n"),
    "duplicate key": lambda r: city(r, CITY + "languages: [fr]\n"),
    "alias bomb": lambda r: city(r, 'a: &a ["x","x","x"]\nb: &b [*a,*a,*a]\nc: [*b,*b,*b]\n'),
    "merge key": lambda r: city(r, "base: &b {fr: x}\nname:\n  <<: *b\n"),
    "not utf-8": lambda r: (r / "content/cities/brussels.yaml").write_bytes(
        "name: {fr: Li\xe8ge}\n".encode("latin-1")
    ),
    "huge file": lambda r: city(r, "# " + "x" * 1_100_000 + "\n" + CITY),
    "deep nesting": lambda r: city(r, "a: " + "[" * 3000 + "]" * 3000 + "\n"),
    "unknown language": lambda r: city(r, CITY.replace("[fr, nl]", "[fr, xx]")),
    "unknown field": lambda r: city(r, CITY + "mayor: Someone\n"),
    "wrong type": lambda r: city(r, CITY.replace("languages: [fr, nl]", "languages: {fr: yes}")),
    "bad date": lambda r: city(r, CITY.replace("2022-07-30", "30 juillet")),
    "bad time": lambda r: city(r, CITY + "    time: 18h\n"),
    "missing field": lambda r: city(r, CITY.replace("    kind: stand\n", "")),
    "unknown kind": lambda r: city(r, CITY.replace("kind: stand", "kind: concert")),
    "launch city missing": lambda r: edit(
        r / "content/campaign.yaml", "  city: brussels", "  city: gent"
    ),
    "image outside content": lambda r: city(
        r, CITY + "image: ../../../etc/passwd\nimage_alt: {fr: x, nl: x}\n"
    ),
    "image missing": lambda r: city(
        r, CITY + "image: photos/grand-place.jpg\nimage_alt: {fr: x, nl: x}\n"
    ),
    "image truncated": lambda r: photo(r, JPEG[: len(JPEG) // 2]),
    "image is a gif": lambda r: photo(r, encoded(Image.new("P", (4, 4)), "GIF")),
    "image decompression bomb": lambda r: photo(r, png_claiming(100_000, 100_000)),
    "chart of a missing figure": lambda r: edit(
        r / "content/campaign.yaml", "items: [children, total]", "items: [children, everyone]"
    ),
    "link out of content": lambda r: (
        write(__import__("pathlib").Path(OUTSIDE), CITY),
        (r / "content/cities/gent.yaml").symlink_to(OUTSIDE),
    ),
    "http website": lambda r: edit(
        r / "content/campaign.yaml",
        "campaign:\n  name:",
        "campaign:\n  website: http://example.org\n  name:",
    ),
    "placeholder renamed": lambda r: edit(
        r / "content/labels.yaml", '  fr: "À {city}"', '  fr: "À {ville}"'
    ),
    "character no font has": lambda r: city(r, CITY.replace("Bruxelles", "Bruxelles 💙")),
    "yml extension": lambda r: write(r / "content/cities/gent.yml", CITY),
    "yaml extension in capitals": lambda r: write(r / "content/cities/ok.YAML", CITY),
    "file name of dots": lambda r: write(r / "content/cities/..yaml", CITY),
    "yaml file content/ does not read": lambda r: write(r / "content/ok.YAML", CITY),
    "event in another year": lambda r: city(r, CITY.replace("2022-07-30", "2021-07-30")),
    "several problems in one file": lambda r: city(
        r,
        CITY.replace(", nl: Brussel", "").replace("2022-07-30", "2022-07-32")
        + "    time: 18h\nmayor: Someone\n",
    ),
    "file name with spaces": lambda r: write(r / "content/cities/La Louvière.yaml", CITY),
    "real person without consent": lambda r: edit(
        r / "content/stories/beggar.yaml", "person: archetype", "person: real"
    ),
    "markup in a date": lambda r: city(r, CITY.replace("2022-07-30", "<script>alert(1)</script>")),
    "empty campaign": lambda r: write(r / "content/campaign.yaml", ""),
    "city file is a list": lambda r: city(r, "- Bruxelles\n- Brussel\n"),
    "brand font not a font": lambda r: (r / "brand/fonts/NotoSans-Italic.ttf").write_bytes(
        b"<html>not a font</html>"
    ),
    "brand heart missing": lambda r: (r / "brand/blue-heart.svg").unlink(),
    "heart drawn in a colour the brand does not name": lambda r: edit(
        r / "brand/blue-heart.svg", "<title>", '<circle r="3" fill="#FF0000"/><title>'
    ),
    "brand colour invalid": lambda r: edit(
        r / "brand/brand.yaml", 'navy: "#0A2A4A"', "navy: darkblue"
    ),
    "brand file outside brand": lambda r: edit(
        r / "brand/brand.yaml", "  file: blue-heart.svg", "  file: ../../etc/passwd"
    ),
    "template syntax error": lambda r: edit(
        r / "templates/leaflet/events.html.j2", "{% endfor %}\n  </ul>", "{% endfro %}\n  </ul>"
    ),
    "template includes a missing file": lambda r: edit(
        r / "templates/leaflet/leaflet.html.j2",
        '{% include "leaflet/events.html.j2" %}',
        '{% include "leaflet/evnts.html.j2" %}',
    ),
    "template computed include": lambda r: edit(
        r / "templates/leaflet/leaflet.html.j2",
        '{% include "leaflet/events.html.j2" %}',
        "{% include c.lang ~ '.j2' %}",
    ),
    "brand font linked out of brand": lambda r: (
        (r / "brand/fonts/NotoSans-Italic.ttf").unlink(),
        (r / "brand/fonts/NotoSans-Italic.ttf").symlink_to("/etc/hostname"),
    ),
    "template link out of templates": lambda r: (
        (r / "templates/leaflet/events.html.j2").unlink(),
        (r / "templates/leaflet/events.html.j2").symlink_to("/etc/hostname"),
    ),
}


#: name -> the exact lines doit prints after "ERROR: "
EXPECTED = {
    "alias bomb": [
        "1 problem to fix before anything is built:",
        "content/cities/brussels.yaml:2: is not valid YAML: aliases (*name) are not supported; write the value out",
    ],
    "bad date": [
        "1 problem to fix before anything is built:",
        "content/cities/brussels.yaml:4: events[0].date: '30 juillet' is not a date; write it as YYYY-MM-DD, e.g. 2022-07-30",
    ],
    "bad time": [
        "1 problem to fix before anything is built:",
        "content/cities/brussels.yaml:6: events[0].time: '18h' is not a time of day or a range of one; write HH:MM or HH:MM-HH:MM, e.g. 18:00-22:00",
    ],
    "brand colour invalid": [
        "1 problem to fix before anything is built:",
        "brand/brand.yaml:12: colors.navy: 'darkblue' is not a colour written like #0B5CAD",
    ],
    "brand file outside brand": [
        "1 problem to fix before anything is built:",
        "brand/brand.yaml:6: heart.file: '../../etc/passwd' is not a file in brand/; add it or fix the path",
    ],
    "brand font not a font": [
        "1 problem to fix before anything is built:",
        "brand/brand.yaml:32: fonts.body.faces[2].file: 'fonts/NotoSans-Italic.ttf' is not a font file campaignkit can use (TTLibError: Not a TrueType or OpenType font (bad sfntVersion))",
    ],
    "brand font linked out of brand": [
        "1 problem to fix before anything is built:",
        "brand/brand.yaml:32: fonts.body.faces[2].file: 'fonts/NotoSans-Italic.ttf' is not a file in brand/; add it or fix the path",
    ],
    "heart drawn in a colour the brand does not name": [
        "1 problem to fix before anything is built:",
        "brand/brand.yaml:7: heart.colors: brand/blue-heart.svg is drawn in #FF0000, which heart.colors does not name; add '\"#FF0000\": <brand colour>' (one of blue, ink, muted, navy, paper, sky)",
    ],
    "brand heart missing": [
        "1 problem to fix before anything is built:",
        "brand/brand.yaml:6: heart.file: 'blue-heart.svg' is not a file in brand/; add it or fix the path",
    ],
    "character no font has": [
        "1 problem to fix before anything is built:",
        "content/cities/brussels.yaml:1: name.fr: has '💙' (U+1F499), which the brand fonts cannot show; replace it or add a font that has it to brand/brand.yaml",
    ],
    "city file is a list": [
        "1 problem to fix before anything is built:",
        "content/cities/brussels.yaml:1: must be a mapping (indented 'key: value' lines)",
    ],
    "deep nesting": [
        "1 problem to fix before anything is built:",
        "content/cities/brussels.yaml: is nested too deeply to be content",
    ],
    "duplicate key": [
        "1 problem to fix before anything is built:",
        "content/cities/brussels.yaml:6: languages: appears twice; keep one",
    ],
    "empty campaign": [
        "10 problems to fix before anything is built:",
        "content/campaign.yaml: blue_heart: is required; add it",
        "content/campaign.yaml: campaign: is required; add it",
        "content/campaign.yaml: day: is required; add it",
        "content/campaign.yaml: figures: is required; add it",
        "content/campaign.yaml: help: is required; add it",
        "content/campaign.yaml: languages: is required; add it",
        "content/campaign.yaml: launch: is required; add it",
        "content/campaign.yaml: quote: is required; add it",
        "content/campaign.yaml: themes: is required; add it",
        "content/campaign.yaml: trafficking: is required; add it",
    ],
    "file name of dots": [
        "1 problem to fix before anything is built:",
        "content/cities/..yaml: name files in lowercase letters, digits and hyphens, e.g. la-louviere.yaml (the name becomes part of the file names built)",
    ],
    "event in another year": [
        "1 problem to fix before anything is built:",
        "content/cities/brussels.yaml:4: events[0].date: '2021-07-30' is not in 2022, the year of the campaign's day (day.date in content/campaign.yaml); correct it, or leave the date out for an event on the day itself",
    ],
    "several problems in one file": [
        "4 problems to fix before anything is built:",
        "content/cities/brussels.yaml:1: name: has no 'nl' text, which this city's leaflets are printed in; add a 'nl:' line",
        "content/cities/brussels.yaml:4: events[0].date: '2022-07-32' is not a date; write it as YYYY-MM-DD, e.g. 2022-07-30",
        "content/cities/brussels.yaml:6: events[0].time: '18h' is not a time of day or a range of one; write HH:MM or HH:MM-HH:MM, e.g. 18:00-22:00",
        "content/cities/brussels.yaml:7: mayor: is not a known field; remove it or fix its spelling (known: events, image, image_alt, languages, name)",
    ],
    "yaml extension in capitals": [
        "1 problem to fix before anything is built:",
        "content/cities/ok.YAML: use the .yaml extension in lowercase: rename it to ok.yaml",
    ],
    "yaml file content/ does not read": [
        "1 problem to fix before anything is built:",
        "content/ok.YAML: is not read: campaignkit reads campaign.yaml, labels.yaml and gallery.yaml in content/, and one <id>.yaml (lowercase) per city in content/cities/ and per story in content/stories/; rename or move it there, or move it out of content/",
    ],
    "file name with spaces": [
        "1 problem to fix before anything is built:",
        "content/cities/La Louvière.yaml: name files in lowercase letters, digits and hyphens, e.g. la-louviere.yaml (the name becomes part of the file names built)",
    ],
    "http website": [
        "1 problem to fix before anything is built:",
        "content/campaign.yaml:20: campaign.website: 'http://example.org' is not a web address starting with https://",
    ],
    "huge file": [
        "1 problem to fix before anything is built:",
        "content/cities/brussels.yaml: is larger than 1000 kB; split it",
    ],
    "image truncated": [
        "1 problem to fix before anything is built:",
        "content/cities/brussels.yaml:6: image: 'photos/grand-place.jpg' is damaged (Truncated File Read); export it again as JPEG or PNG",
    ],
    "image is a gif": [
        "1 problem to fix before anything is built:",
        "content/cities/brussels.yaml:6: image: 'photos/grand-place.jpg' is a GIF image; save it as JPEG or PNG",
    ],
    "image decompression bomb": [
        "1 problem to fix before anything is built:",
        "content/cities/brussels.yaml:6: image: 'photos/grand-place.jpg' has more pixels than campaignkit opens (89,478,485; it could be a decompression bomb); scale it down",
    ],
    "chart of a missing figure": [
        "1 problem to fix before anything is built:",
        "content/campaign.yaml:298: figures.charts[1].items: no figure 'everyone' in figures.items; use one of total, children, women-and-girls, men-and-boys",
    ],
    "image missing": [
        "1 problem to fix before anything is built:",
        "content/cities/brussels.yaml:6: image: 'photos/grand-place.jpg' does not exist in content/; add it or fix the path",
    ],
    "image outside content": [
        "1 problem to fix before anything is built:",
        "content/cities/brussels.yaml:6: image: '../../../etc/passwd' is outside content/; put the image there",
    ],
    "invalid yaml": [
        "1 problem to fix before anything is built:",
        "content/cities/brussels.yaml:2: is not valid YAML: while parsing a flow mapping expected ',' or '}', but got ':'",
    ],
    "launch city missing": [
        "1 problem to fix before anything is built:",
        "content/campaign.yaml:459: launch.city: no city 'gent' in content/cities/; use one of brussels, liege",
    ],
    "link out of content": [
        "1 problem to fix before anything is built:",
        "content/cities/gent.yaml: is a link to a file outside content/; copy the file here instead",
    ],
    "markup in a date": [
        "1 problem to fix before anything is built:",
        "content/cities/brussels.yaml:4: events[0].date: '<script>alert(1)</script>' is not a date; write it as YYYY-MM-DD, e.g. 2022-07-30",
    ],
    "merge key": [
        "1 problem to fix before anything is built:",
        "content/cities/brussels.yaml:3: is not valid YAML: aliases (*name) are not supported; write the value out",
    ],
    "missing field": [
        "1 problem to fix before anything is built:",
        "content/cities/brussels.yaml:4: events[0].kind: is required; add it",
    ],
    "not utf-8": [
        "1 problem to fix before anything is built:",
        "content/cities/brussels.yaml: is not UTF-8 (byte 13); save it as UTF-8",
    ],
    "placeholder renamed": [
        "1 problem to fix before anything is built:",
        "content/labels.yaml:6: events_title.fr: must hold exactly {city}, as written, where the language needs them",
    ],
    "real person without consent": [
        "1 problem to fix before anything is built:",
        "content/stories/beggar.yaml:4: a real person's story needs 'consent: true' and 'anonymised: true'; publish it only with the person's consent and nothing that identifies them",
    ],
    "template computed include": [
        "templates/leaflet/leaflet.html.j2 includes a template by a computed name; name it literally so campaignkit knows what to rebuild",
    ],
    "template includes a missing file": [
        "templates/leaflet/leaflet.html.j2: uses templates/leaflet/evnts.html.j2, which does not exist",
    ],
    "template link out of templates": [
        "templates/leaflet/events.html.j2: leads outside templates/; copy the file in",
    ],
    "template syntax error": [
        "templates/leaflet/events.html.j2:19: Encountered unknown tag 'endfro'. Jinja was looking for the following tags: 'endfor' or 'else'. The innermost block that needs to be closed is 'for'.",
    ],
    "unknown field": [
        "1 problem to fix before anything is built:",
        "content/cities/brussels.yaml:6: mayor: is not a known field; remove it or fix its spelling (known: events, image, image_alt, languages, name)",
    ],
    "unknown kind": [
        "1 problem to fix before anything is built:",
        "content/cities/brussels.yaml:5: events[0].kind: 'concert' is not allowed; use 'illumination', 'stand' or 'other'",
    ],
    "unknown language": [
        "1 problem to fix before anything is built:",
        "content/cities/brussels.yaml:2: languages[1]: unknown language 'xx'; use one of de, en, fr, nl, prs, uk",
    ],
    "wrong type": [
        "1 problem to fix before anything is built:",
        "content/cities/brussels.yaml:2: languages: must be a list ('- item' lines, or [a, b])",
    ],
    "yml extension": [
        "1 problem to fix before anything is built:",
        "content/cities/gent.yml: use the .yaml extension",
    ],
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("hostile") / "p", cities=("brussels", "liege"))
    result = run_doit(root, "run", "leaflet")
    assert result.code == 0, result.errors
    return root


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_input_is_refused_cleanly(built, tmp_path, case):
    root = tmp_path / "p"
    shutil.copytree(built, root, symlinks=True)
    before = snapshot(root / "build")
    try:
        CASES[case](root)
        result = run_doit(root, "run", "leaflet")
    finally:
        if os.path.lexists(OUTSIDE):
            os.unlink(OUTSIDE)
    assert result.code == 3
    assert "Traceback" not in result.err + result.out
    assert result.tasks == {}
    assert snapshot(root / "build") == before
    assert result.err == "ERROR: " + "\n".join(EXPECTED[case]) + "\n"


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 30 and set(CASES) == set(EXPECTED)


LEAFLET = "templates/leaflet/leaflet.html.j2"
MARK = '<section class="page front" id="page-1">'

#: Templates and brand files that try to read outside the project while rendering:
#: name -> (change, the refusal doit reports for the Liège leaflet)
RENDER_CASES = {
    "img of a system file": (
        lambda r: edit(r / LEAFLET, MARK, MARK + '<img src="file:///etc/passwd">'),
        "refused to read file:///etc/passwd: only files in the project may be used, never the "
        "network or the system",
    ),
    "css import from the network": (
        lambda r: edit(r / "templates/base.html.j2", "<style>\n", '<style>\n@import url("https://example.org/x.css");\n'),
        "refused to read https://example.org/x.css: only files in the project may be used, "
        "never the network or the system",
    ),
    "css url climbing out": (
        lambda r: edit(r / "templates/leaflet/leaflet.css.j2", ".masthead {", '.masthead { background: url("../../../../etc/hostname");'),
        "refused to read file:///etc/hostname: only files in the project may be used, never "
        "the network or the system",
    ),
    "svg image pointing out": (
        lambda r: write(r / "brand/blue-heart.svg", '<svg xmlns="http://www.w3.org/2000/svg" '
                        'xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">'
                        '<image href="file:///etc/hostname" width="10" height="10"/></svg>'),
        "refused to read file:///etc/hostname: only files in the project may be used, never "
        "the network or the system",
    ),
    "font face outside": (
        lambda r: edit(r / "templates/shared/fonts.css.j2", "{% endfor %}\n{% endfor %}",
                       '{% endfor %}\n{% endfor %}\n@font-face { font-family: "x"; src: url("file:///usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"); }'),
        "refused to read file:///usr/share/fonts/truetype/dejavu/DejaVuSans.ttf: only files in "
        "the project may be used, never the network or the system",
    ),
    "attachment of a system file": (
        lambda r: edit(r / LEAFLET, MARK, MARK + '<link rel="attachment" href="file:///etc/passwd">'),
        "refused to read file:///etc/passwd: only files in the project may be used, never the "
        "network or the system",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(RENDER_CASES))
def test_templates_cannot_read_outside_the_project(built, tmp_path, case):
    root = tmp_path / "p"
    shutil.copytree(built, root, symlinks=True)
    before = snapshot(root / "build")
    change, refusal = RENDER_CASES[case]
    change(root)
    result = run_doit(root, "run", "leaflet:liege-fr")
    assert result.tasks == {"leaflet:liege-fr": "fail"}
    assert f"leaflet liege-fr: {refusal}" in result.errors["leaflet:liege-fr"].splitlines()
    assert snapshot(root / "build") == before  # the last good leaflet is untouched


def test_content_that_looks_like_code_prints_as_text(built, tmp_path):
    from pypdf import PdfReader

    root = tmp_path / "p"
    shutil.copytree(built, root, symlinks=True)
    edit(
        root / "content/cities/liege.yaml",
        "kind: stand",
        "kind: stand\n    description: {fr: '<script>alert(1)</script> {{ 7*7 }}'}",
    )
    assert run_doit(root, "run", "leaflet:liege-fr").code == 0
    text = PdfReader(root / "build/leaflets/liege-fr.pdf").pages[0].extract_text()
    assert "<script>alert(1)</script> {{ 7*7 }}" in text


POSTER = "templates/poster/poster.html.j2"

#: Mistakes found only while an output is made (templates that lack what the renderer needs,
#: broken filters, text that does not fit): name -> (change, task, the exact line it fails
#: with). Each fails that output alone, in one line naming it, the file and what to do.
MISTAKES = {
    "leaflet template without its second page": (
        lambda r: edit(r / LEAFLET, 'id="page-2"', 'id="back"'),
        "leaflet:liege-fr",
        'leaflet liege-fr: templates/leaflet/leaflet.html.j2 has no element with id="page-2"; '
        "put it on the element that holds page 2",
    ),
    "poster template without the id the fitter needs": (
        lambda r: edit(r / POSTER, ' id="headline-text"', ""),
        "poster-fit:beggar-fr",
        'poster-fit beggar-fr: templates/poster/poster.html.j2 has no element with '
        'id="headline-text": the headline box needs id="headline", and its text an '
        'inline-block inside it with id="headline-text" (<span class="fit" '
        'id="headline-text">), so the fitter can measure it',
    ),
    "template reading a field the content lacks": (
        lambda r: edit(r / LEAFLET, "{{ c.day.call | isolate(c.dir) }}", "{{ c.calls }}"),
        "leaflet:liege-fr",
        "leaflet liege-fr: templates/leaflet/leaflet.html.j2:41: Context "
        "(campaignkit.families.leaflet.plan) has no field 'calls'; it has lang, tag, dir, locale, "
        "draft, created, labels, campaign, day, headline, themes, trafficking, figures, "
        "blue_heart, help, qr, stories, city",
    ),
    "template filter given the wrong thing": (
        lambda r: edit(r / LEAFLET, "{{ c.day.date | long_date(c.locale) }}",
                       "{{ c.day.name | long_date(c.locale) }}"),
        "leaflet:liege-fr",
        "leaflet liege-fr: templates/leaflet/leaflet.html.j2:17: ValueError: Invalid "
        "isoformat string: 'Journée mondiale de la lutte contre la traite d’êtres humains'",
    ),
    "template running code": (
        lambda r: edit(r / LEAFLET, MARK, MARK + "{{ lipsum.__globals__.os.getcwd() }}"),
        "leaflet:liege-fr",
        "leaflet liege-fr: templates/leaflet/leaflet.html.j2:10: refused: access to attribute "
        "'__globals__' of 'function' object is unsafe; a template may only read c (the "
        "content), brand and p (the renderer's settings), and use the filters campaignkit "
        "gives",
    ),
    "leaflet text too long for its page": (
        lambda r: edit(r / "content/cities/liege.yaml", "kind: stand",
                       "kind: stand\n    description: {fr: " + "Un texte bien trop long. " * 200 + "}"),
        "leaflet:liege-fr",
        "leaflet liege-fr: page 1 of 2 holds too much text and runs over; shorten the events "
        "in content/cities/liege.yaml or the theme texts in content/campaign.yaml",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(MISTAKES))
def test_a_mistake_found_while_rendering_fails_that_output_in_one_line(built, tmp_path, case):
    root = tmp_path / "p"
    shutil.copytree(built, root, symlinks=True)
    before = snapshot(root / "build")
    change, task, line = MISTAKES[case]
    change(root)
    result = run_doit(root, "run", task)
    assert result.tasks.get(task) == "fail", result.tasks
    assert "Traceback" not in result.out + result.err + "".join(result.errors.values())
    said = [
        text for text in result.errors[task].splitlines() if text.startswith(task.split(":")[0])
    ]
    assert said == [line]
    assert snapshot(root / "build") == before  # nothing half-written, the last good file kept
