"""Loading content: every problem in every file, one clear line each, all at once."""

import pytest
from conftest import edit, make_content, write

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
    assert campaign.languages == ["en", "fr", "nl", "de"]
    assert sorted(campaign.cities) == [
        "antwerp", "bruges", "brussels", "kortrijk", "leuven", "liege", "nivelles", "tournai"
    ]  # fmt: skip
    assert [f.value for f in campaign.main.figures.items] == [20900000, 5500000, 11400000, 9500000]
    assert campaign.cities["brussels"].data.languages == ["fr", "nl"]
    assert {lang: s.status for lang, s in campaign.main.languages.items()} == {
        "en": "source", "fr": "needs-native-review", "nl": "needs-native-review",
        "de": "needs-native-review",
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
    assert problems(root) == [
        "content/cities/La Louvière.yaml: name files in lowercase letters, digits and hyphens, "
        "e.g. la-louviere.yaml (the name becomes part of the file names built)",
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
