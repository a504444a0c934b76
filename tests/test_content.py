"""Loading content: every problem in every file, one clear line each, all at once."""

import datetime as dt
import re

import pytest
from conftest import REPO, copy_project, edit, make_content, write

from campaignkit.content import load_campaign, localize
from campaignkit.errors import ContentError


def problems(root) -> list[str]:
    with pytest.raises(ContentError) as err:
        load_campaign(root)
    return [str(problem) for problem in err.value.problems]


@pytest.fixture
def root(tmp_path):
    return make_content(tmp_path)


def test_minimal_content_loads(root):
    campaign = load_campaign(root)
    assert campaign.languages == ["en", "fr"]
    assert list(campaign.cities) == ["brussels"]
    assert campaign.cities["brussels"].data.events[0].place["fr"] == "Grand-Place"
    assert list(campaign.stories) == ["beggar"]


def test_the_embedded_campaign_loads():
    from conftest import REPO

    campaign = load_campaign(REPO)
    assert campaign.languages == ["en", "fr", "nl", "de", "uk", "prs"]
    assert sorted(campaign.cities) == [
        "antwerp", "bruges", "brussels", "kortrijk", "leuven", "liege", "nivelles", "tournai"
    ]  # fmt: skip
    assert [f.value for f in campaign.main.figures.items] == [20900000, 5500000, 11400000, 9500000]
    assert campaign.cities["brussels"].data.languages == ["fr", "nl"]
    assert {lang: s.status for lang, s in campaign.main.languages.items()} == {
        "en": "source", "fr": "needs-native-review", "nl": "needs-native-review",
        "de": "needs-native-review", "uk": "needs-native-review", "prs": "needs-native-review",
    }  # fmt: skip


def test_missing_required_field(root):
    edit(
        root / "content/campaign.yaml",
        "  call: {en: Wear the blue heart., fr: Portez le cœur bleu.}\n",
        "",
    )
    assert problems(root) == ["content/campaign.yaml:8: day.call: is required; add it"]


def test_wrong_type(root):
    edit(root / "content/campaign.yaml", "      value: 20900000", "      value: [1]")
    edit(root / "content/cities/brussels.yaml", "languages: [fr]", "languages: fr")
    assert problems(root) == [
        "content/campaign.yaml:25: figures.items[0].value: '['1']' is not a whole number above "
        "zero; write digits only",
        "content/cities/brussels.yaml:2: languages: must be a list ('- item' lines, or [a, b])",
    ]


def test_a_date_that_does_not_parse(root):
    edit(root / "content/cities/brussels.yaml", "2022-07-30", "2022-07-32")
    assert problems(root) == [
        "content/cities/brussels.yaml:4: events[0].date: '2022-07-32' is not a date; "
        "write it as YYYY-MM-DD, e.g. 2022-07-30"
    ]


def test_unknown_field_lists_the_known_ones(root):
    edit(
        root / "content/cities/brussels.yaml",
        "    kind: illumination",
        "    kind: illumination\n    titel: x",
    )
    assert problems(root) == [
        "content/cities/brussels.yaml:6: events[0].titel: is not a known field; remove it or "
        "fix its spelling (known: date, description, kind, organisers, place, time, title)"
    ]


def test_unknown_choice(root):
    edit(root / "content/cities/brussels.yaml", "kind: illumination", "kind: concert")
    assert problems(root) == [
        "content/cities/brussels.yaml:5: events[0].kind: 'concert' is not allowed; "
        "use 'illumination', 'stand' or 'other'"
    ]


def test_unknown_language_code(root):
    edit(root / "content/cities/brussels.yaml", "languages: [fr]", "languages: [fr, xx]")
    edit(
        root / "content/cities/brussels.yaml", "name: {en: Brussels,", "name: {en: Brussels, xx: B,"
    )
    assert problems(root) == [
        "content/cities/brussels.yaml:1: name.xx: unknown language 'xx'; use one of en, fr",
        "content/cities/brussels.yaml:2: languages[1]: unknown language 'xx'; use one of en, fr",
    ]


def test_unknown_locale(root):
    edit(root / "content/campaign.yaml", "locale: fr_BE", "locale: fr_XX_nope")
    assert problems(root) == [
        "content/campaign.yaml:3: languages.fr.locale: 'fr_XX_nope' is not a known locale; "
        "use a code like fr_BE"
    ]


def test_missing_translations(root):
    edit(
        root / "content/campaign.yaml",
        "name: {en: World Day, fr: Journée mondiale}",
        "name: {en: World Day}",
    )
    edit(
        root / "content/cities/brussels.yaml",
        "place: {en: Grand-Place, fr: Grand-Place}",
        "place: {en: Grand-Place}",
    )
    assert problems(root) == [
        "content/campaign.yaml:10: day.name: has no 'fr' text; add a 'fr:' line",
        "content/cities/brussels.yaml:6: events[0].place: has no 'fr' text, which this city's "
        "leaflets are printed in; add a 'fr:' line",
    ]


def test_a_city_needs_only_its_own_languages(root):
    edit(
        root / "content/cities/brussels.yaml",
        "name: {en: Brussels, fr: Bruxelles}",
        "name: {fr: Bruxelles}",
    )
    assert load_campaign(root).cities["brussels"].data.name.root == {"fr": "Bruxelles"}


def test_reference_to_a_city_that_does_not_exist(root):
    edit(root / "content/campaign.yaml", "city: brussels", "city: brusels")
    assert problems(root) == [
        "content/campaign.yaml:37: launch.city: no city 'brusels' in content/cities/; "
        "use one of brussels"
    ]


def test_reference_to_an_image_that_does_not_exist(root):
    story = root / "content/stories/beggar.yaml"
    edit(story, "order: 1", "order: 1\nimage: images/beggar.jpg\nimage_alt: {en: A, fr: B}")
    edit(
        root / "content/cities/brussels.yaml",
        "languages: [fr]",
        "languages: [fr]\nimage: ../../etc/passwd",
    )
    assert problems(root) == [
        "content/cities/brussels.yaml:3: image: '../../etc/passwd' is outside content/; put the image there",
        "content/cities/brussels.yaml:3: image_alt: is required with an image: describe the image "
        "for people who cannot see it",
        "content/stories/beggar.yaml:2: image: 'images/beggar.jpg' does not exist in content/; "
        "add it or fix the path",
    ]


def test_duplicated_key(root):
    edit(
        root / "content/cities/brussels.yaml", "languages: [fr]", "languages: [fr]\nlanguages: [fr]"
    )
    assert problems(root) == ["content/cities/brussels.yaml:3: languages: appears twice; keep one"]


def test_invalid_yaml(root):
    write(root / "content/cities/liege.yaml", "name: {en: Liège\nlanguages: [fr]\n")
    assert problems(root) == [
        "content/cities/liege.yaml:2: is not valid YAML: while parsing a flow mapping "
        "expected ',' or '}', but got ':'"
    ]


def test_real_people_need_consent(root):
    edit(root / "content/stories/beggar.yaml", "person: archetype", "person: real")
    assert problems(root) == [
        "content/stories/beggar.yaml:1: a real person's story needs 'consent: true' and "
        "'anonymised: true'; publish it only with the person's consent and nothing that "
        "identifies them"
    ]


def test_placeholders_must_be_the_ones_templates_fill(root):
    edit(root / "content/labels.yaml", 'stand: {en: "stand {organisers}", fr: "stand fr {organisers}"}',
         'stand: {en: "stand {organisers}", fr: "stand fr {organisateurs}"}')  # fmt: skip
    edit(root / "content/labels.yaml", 'phone: {en: "phone ", fr: "phone fr "}',
         'phone: {en: "phone {city}", fr: "phone fr "}')  # fmt: skip
    assert problems(root) == [
        "content/labels.yaml:4: stand.fr: must hold exactly {organisers}, as written, where the "
        "language needs them",
        "content/labels.yaml:13: phone.en: must not hold words in braces: this label has nothing "
        "to fill in",
    ]


def test_file_names_become_ids(root):
    write(root / "content/cities/La Louvière.yaml", "")
    write(root / "content/cities/mons.yml", "")
    write(root / "content/cities/help.yaml", "")
    assert problems(root) == [
        "content/cities/La Louvière.yaml: name files in lowercase letters, digits and hyphens, "
        "e.g. la-louviere.yaml (the name becomes part of the file names built)",
        "content/cities/help.yaml: 'help' names the national help leaflet "
        "(build/leaflets/help-<lang>.pdf); name the city's file after the city",
        "content/cities/mons.yml: use the .yaml extension",
    ]


def test_missing_files(tmp_path):
    assert problems(tmp_path) == [
        "content/campaign.yaml: is missing; campaignkit needs this file",
        "content/cities/: has no files; add one .yaml file each",
        "content/gallery.yaml: is missing; campaignkit needs this file",
        "content/labels.yaml: is missing; campaignkit needs this file",
    ]


def test_every_problem_in_every_file_at_once(root):
    edit(root / "content/cities/brussels.yaml", "2022-07-30", "30/07/2022")
    edit(root / "content/campaign.yaml", "value: 20900000", "value: 20,9 million")
    write(root / "content/cities/liege.yaml", "name: {fr: Liège}\nlanguages: [fr]\nevents: [1]\n")
    assert problems(root) == [
        "content/campaign.yaml:25: figures.items[0].value: '20,9 million' is not a whole number "
        "above zero; write digits only",
        "content/cities/brussels.yaml:4: events[0].date: '30/07/2022' is not a date; write it as "
        "YYYY-MM-DD, e.g. 2022-07-30",
        "content/cities/liege.yaml:3: events[0]: must be a mapping (indented 'key: value' lines)",
    ]


def test_content_is_text_never_markup(root):
    edit(
        root / "content/campaign.yaml",
        "summary: {en: Summary.,",
        "summary: {en: '<script>{{ 7*7 }}',",
    )
    assert load_campaign(root).main.themes[0].summary["en"] == "<script>{{ 7*7 }}"


def test_localize_takes_one_language(root):
    campaign = load_campaign(root)
    day = localize(campaign.main.day, "fr")
    assert day == {"date": "2022-07-30", "name": "Journée mondiale", "call": "Portez le cœur bleu."}


def test_problems_in_one_file_do_not_hide_each_other(root):
    edit(root / "content/cities/brussels.yaml", "languages: [fr]", "languages: [fr, xx]")
    edit(root / "content/cities/brussels.yaml", "2022-07-30", "2022-07-32")
    assert problems(root) == [
        "content/cities/brussels.yaml:2: languages[1]: unknown language 'xx'; use one of en, fr",
        "content/cities/brussels.yaml:4: events[0].date: '2022-07-32' is not a date; write it as "
        "YYYY-MM-DD, e.g. 2022-07-30",
    ]


def test_times_are_times_of_day(root):
    edit(
        root / "content/cities/brussels.yaml",
        "kind: illumination",
        "kind: illumination\n    time: 25:99",
    )
    assert problems(root) == [
        "content/cities/brussels.yaml:6: events[0].time: '25:99' is not a time of day or a range "
        "of one; write HH:MM or HH:MM-HH:MM, e.g. 18:00-22:00"
    ]


def test_times_are_written_out_and_ranges_get_an_en_dash(root):
    edit(
        root / "content/cities/brussels.yaml",
        "kind: illumination",
        "kind: illumination\n    time: 9:00-18:00",
    )
    assert load_campaign(root).cities["brussels"].data.events[0].time == "09:00–18:00"


def test_patterns_are_explained_in_words(root):
    edit(
        root / "content/campaign.yaml",
        "  country: {en: Belgium, fr: Belgique}",
        "  country: {en: Belgium, fr: Belgique}\n  website: http://example.org",
    )
    assert problems(root) == [
        "content/campaign.yaml:8: campaign.website: 'http://example.org' is not a web address "
        "starting with https://"
    ]


def test_links_out_of_content_are_refused(root, tmp_path):
    outside = write(tmp_path / "elsewhere.yaml", "name: {fr: Gand}\nlanguages: [fr]\n")
    (root / "content/cities/gent.yaml").symlink_to(outside)
    assert problems(root) == [
        "content/cities/gent.yaml: is a link to a file outside content/; copy the file here instead"
    ]


def test_one_file_reports_all_its_problems_at_once(tmp_path):
    root = copy_project(tmp_path / "p", cities=("brussels",))
    write(
        root / "content/cities/brussels.yaml",
        "name: {fr: Bruxelles, nl: Brussel}\nlanguages: [fr, nl, de]\nevents:\n"
        "  - date: 2022-07-32\n    kind: stand\n    time: 18h\n    mayor: Someone\n",
    )
    assert problems(root) == [
        "content/cities/brussels.yaml:1: name: has no 'de' text, which this city's leaflets are "
        "printed in; add a 'de:' line",
        "content/cities/brussels.yaml:4: events[0].date: '2022-07-32' is not a date; write it as "
        "YYYY-MM-DD, e.g. 2022-07-30",
        "content/cities/brussels.yaml:6: events[0].time: '18h' is not a time of day or a range "
        "of one; write HH:MM or HH:MM-HH:MM, e.g. 18:00-22:00",
        "content/cities/brussels.yaml:7: events[0].mayor: is not a known field; remove it or fix "
        "its spelling (known: date, description, kind, organisers, place, time, title)",
    ]


def test_cross_checks_of_the_campaign_run_beside_its_schema_errors(root):
    campaign = root / "content/campaign.yaml"
    edit(campaign, "value: 20900000", "value: 20,9 million")
    edit(campaign, "name: {en: World Day, fr: Journée mondiale}", "name: {en: World Day}")
    edit(campaign, "city: brussels", "city: brusels")
    edit(campaign, "      label: {en: people, fr: personnes}\n",
         "      label: {en: people, fr: personnes}\n  charts:\n    - id: all\n"
         "      kind: bar\n      items: [total, everyone]\n")  # fmt: skip
    assert problems(root) == [
        "content/campaign.yaml:10: day.name: has no 'fr' text; add a 'fr:' line",
        "content/campaign.yaml:25: figures.items[0].value: '20,9 million' is not a whole number "
        "above zero; write digits only",
        "content/campaign.yaml:30: figures.charts[0].items: no figure 'everyone' in "
        "figures.items; use one of total",
        "content/campaign.yaml:41: launch.city: no city 'brusels' in content/cities/; use one of "
        "brussels",
    ]


def test_cross_checks_of_labels_cities_and_stories_run_beside_their_schema_errors(root):
    labels = root / "content/labels.yaml"
    edit(labels, 'phone: {en: "phone ", fr: "phone fr "}', 'phone: {en: "phone {city}"}\nphones: x')
    edit(root / "content/cities/brussels.yaml", "languages: [fr]",
         "languages: [fr]\nimage: photos/grand-place.jpg\nmayor: Someone")  # fmt: skip
    edit(root / "content/stories/beggar.yaml", "text: {en: In plain sight., fr: Au grand jour.}",
         "text: {en: In plain sight.}\nconsent: maybe")  # fmt: skip
    assert problems(root) == [
        "content/cities/brussels.yaml:3: image: 'photos/grand-place.jpg' does not exist in "
        "content/; add it or fix the path",
        "content/cities/brussels.yaml:3: image_alt: is required with an image: describe the image "
        "for people who cannot see it",
        "content/cities/brussels.yaml:4: mayor: is not a known field; remove it or fix its "
        "spelling (known: events, image, image_alt, languages, name)",
        "content/labels.yaml:13: phone: has no 'fr' text; add a 'fr:' line",
        "content/labels.yaml:13: phone.en: must not hold words in braces: this label has nothing "
        "to fill in",
        "content/labels.yaml:14: phones: is not a known field; remove it or fix its spelling "
        "(known: archetypes, blue_heart_title, derived, events_title, figures_title, graphic, "
        "help_centres, help_short, help_title, illumination, illumination_city, lit_up_headline, "
        "lit_up_support, phone, qr, review_pending, source, spotlight, spotlight_kicker, stand, "
        "stand_plain, theme_line, themes_title, what_is)",
        "content/stories/beggar.yaml:4: text: has no 'fr' text; add a 'fr:' line",
        "content/stories/beggar.yaml:5: consent: 'maybe' is not true or false",
    ]


def test_one_spot_gets_one_line(root):
    edit(root / "content/campaign.yaml", "city: brussels", "city: Brussels")
    edit(root / "content/labels.yaml", 'fr: "stand fr {organisers}"', 'fr: ""')
    assert problems(root) == [
        "content/campaign.yaml:37: launch.city: 'Brussels' is not an id in lowercase letters, "
        "digits and hyphens, e.g. la-louviere",
        "content/labels.yaml:4: stand.fr: must not be empty",
    ]


def test_a_city_with_unreadable_languages_is_checked_for_the_rest(root):
    edit(root / "content/cities/brussels.yaml", "languages: [fr]", "languages: fr")
    edit(root / "content/cities/brussels.yaml", "place: {en: Grand-Place, fr: Grand-Place}",
         "place: {en: Grand-Place, fr: Grand-Place}\n    time: 18h")  # fmt: skip
    assert problems(root) == [
        "content/cities/brussels.yaml:2: languages: must be a list ('- item' lines, or [a, b])",
        "content/cities/brussels.yaml:7: events[0].time: '18h' is not a time of day or a range "
        "of one; write HH:MM or HH:MM-HH:MM, e.g. 18:00-22:00",
    ]


def test_yaml_files_campaignkit_would_not_read_are_named(root):
    for name in ("cities/ok.YAML", "cities/..yaml", "cities/Gent.yaml", "stories/story.Yml",
                 "ok.YAML", "Campaign.yml", "cities/old/gent.yaml", "photos/notes.yaml"):  # fmt: skip
        write(root / "content" / name, "")
    for noise in ("cities/.DS_Store", "cities/gent.yaml~", "cities/.gent.yaml.swp",
                  "cities/notes.txt", "photos/grand-place.jpg"):  # fmt: skip
        write(root / "content" / noise, "")
    unread = (
        "is not read: campaignkit reads campaign.yaml, labels.yaml and gallery.yaml in content/, "
        "and one <id>.yaml (lowercase) per city in content/cities/ and per story in "
        "content/stories/; rename or move it there, or move it out of content/"
    )
    name = (
        "name files in lowercase letters, digits and hyphens, e.g. la-louviere.yaml (the name "
        "becomes part of the file names built)"
    )
    assert problems(root) == [
        "content/Campaign.yml: is not read (campaignkit reads content/campaign.yaml, in "
        "lowercase); rename it to campaign.yaml, or move it out of content/",
        f"content/cities/..yaml: {name}",
        f"content/cities/Gent.yaml: {name}",
        "content/cities/ok.YAML: use the .yaml extension in lowercase: rename it to ok.yaml",
        f"content/cities/old/gent.yaml: {unread}",
        f"content/ok.YAML: {unread}",
        f"content/photos/notes.yaml: {unread}",
        "content/stories/story.Yml: use the .yaml extension in lowercase: rename it to story.yaml",
    ]


def test_an_event_without_a_date_is_on_the_campaigns_day(root):
    edit(root / "content/cities/brussels.yaml", "  - date: 2022-07-30\n    kind: illumination",
         "  - date: 2022-07-29\n    kind: stand\n  - kind: illumination")  # fmt: skip
    events = load_campaign(root).cities["brussels"].data.events
    assert [(event.kind, event.date) for event in events] == [
        ("stand", dt.date(2022, 7, 29)), ("illumination", dt.date(2022, 7, 30))
    ]  # fmt: skip


def test_a_new_edition_is_one_date(root):
    edit(root / "content/cities/brussels.yaml", "  - date: 2022-07-30\n    kind", "  - kind")
    edit(root / "content/campaign.yaml", "  date: 2022-07-30", "  date: 2023-07-30")
    edit(root / "content/campaign.yaml", "  date: 2022-07-25", "  date: 2023-07-25")
    campaign = load_campaign(root)
    assert campaign.cities["brussels"].data.events[0].date == dt.date(2023, 7, 30)
    assert localize(campaign.cities["brussels"].data.events, "fr")[0]["date"] == "2023-07-30"


def test_the_embedded_cities_take_their_events_dates_from_the_day():
    campaign = load_campaign(REPO)
    dates = {event.date for city in campaign.cities.values() for event in city.data.events}
    assert dates == {dt.date(2022, 7, 30)} == {campaign.main.day.date}
    for path in (REPO / "content/cities").glob("*.yaml"):
        assert "date:" not in path.read_text(encoding="utf-8"), path


def test_an_event_in_another_year_is_refused(root):
    edit(root / "content/cities/brussels.yaml", "2022-07-30", "2021-07-30")
    assert problems(root) == [
        "content/cities/brussels.yaml:4: events[0].date: '2021-07-30' is not in 2022, the year "
        "of the campaign's day (day.date in content/campaign.yaml); correct it, or leave the date "
        "out for an event on the day itself"
    ]


def test_event_years_wait_for_a_readable_day(root):
    edit(root / "content/cities/brussels.yaml", "2022-07-30", "2021-07-30")
    edit(root / "content/campaign.yaml", "  date: 2022-07-30", "  date: 30 July")
    assert problems(root) == [
        "content/campaign.yaml:9: day.date: '30 July' is not a date; write it as YYYY-MM-DD, "
        "e.g. 2022-07-30"
    ]


def test_the_readme_city_example_loads_and_its_mistakes_read_as_shown(tmp_path):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Add or change a city (city organisers)\n")[1].split("\n## ")[0]
    example, shown = re.findall(r"```(?:yaml)?\n(.*?)```", section, re.S)[:2]
    root = copy_project(tmp_path / "p", cities=("brussels",))
    write(root / "content/cities/la-louviere.yaml", example)
    events = load_campaign(root).cities["la-louviere"].data.events
    assert [event.date for event in events] == [dt.date(2022, 7, 30)] * 2 + [dt.date(2022, 7, 29)]
    mistakes = example.replace("languages: [fr]    ", "languages: [fr, xx]")
    write(root / "content/cities/la-louviere.yaml", mistakes.replace("2022-07-29", "2021-07-29"))
    with pytest.raises(ContentError) as err:
        load_campaign(root)
    assert "ERROR: " + err.value.report() + "\n" == shown


def test_help_facts_are_checked_all_at_once(root):
    """A contact point sending other languages to an address it lacks, a web address without
    https and a phone number that is not one: one line each, all at once."""
    edit(
        root / "content/campaign.yaml",
        "  centres:\n    - name: Sürya\n",
        """\
  point:
    name: {en: Contact point, fr: Point de contact}
    text: {en: Report., fr: Signalez.}
    sites: {fr: "https://stoptraite.be"}
    fallback: nl
  centres:
    - name: Sürya
      website: asblsurya.org
      phone: call us
""",
    )
    assert [line.split(": ", 2)[1] for line in problems(root)] == [
        "help.point",
        "help.centres[0].website",
        "help.centres[0].phone",
    ]
    said = problems(root)
    assert said[0].endswith("fallback 'nl' has no address under sites; name one of fr")
    assert all(line.startswith("content/campaign.yaml:") for line in said)
