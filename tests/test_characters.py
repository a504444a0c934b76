"""Characters the brand fonts cannot draw are content problems, found before rendering: each
language's texts against the fonts it is drawn in."""

from conftest import REPO, copy_project, edit, make_content

from campaignkit.brand import load_brand
from campaignkit.characters import missing_glyphs
from campaignkit.content import load_campaign

FOLDER = REPO / "brand"


def found(root) -> list[str]:
    return [str(p) for p in missing_glyphs(load_campaign(root), load_brand(REPO), FOLDER)]


def test_characters_outside_the_brand_fonts_are_named_with_file_and_line(tmp_path):
    root = make_content(tmp_path)
    edit(root / "content/cities/brussels.yaml", "place: {en: Grand-Place, fr: Grand-Place}",
         "place: {en: Grand-Place, fr: Grand-Place 💙 布鲁塞尔}")  # fmt: skip
    assert found(root) == [
        "content/cities/brussels.yaml:6: events[0].place.fr: has '塞' (U+585E), '尔' (U+5C14), "
        "'布' (U+5E03), '鲁' (U+9C81), '💙' (U+1F499), which the brand fonts cannot show; replace "
        "it or add a font that has it to brand/brand.yaml"
    ]


def test_a_dari_text_is_checked_against_vazirmatn_and_a_ukrainian_one_against_noto(tmp_path):
    root = copy_project(tmp_path / "p", cities=("brussels", "liege"))
    campaign = root / "content/campaign.yaml"
    # Ж is in Noto Sans, not in Vazirmatn, which draws Dari; 布 is in neither
    edit(campaign, "    prs: کمپاین قلب آبی\n", "    prs: کمپاین قلب آبی Ж 布\n")
    edit(campaign, "    uk: Кампанія «Синє серце»\n", "    uk: Кампанія «Синє серце» Ж\n")
    # a name shown in every language must be in the fonts of all of them
    edit(root / "content/cities/liege.yaml", "organisers: [PAG-ASA, Sürya]",
         "organisers: [PAG-ASA, Sürya, Жива]")  # fmt: skip
    assert found(root) == [
        "content/campaign.yaml:26: campaign.name.prs: has 'Ж' (U+0416), '布' (U+5E03), which "
        "the brand fonts cannot show; replace it or add a font that has it to brand/brand.yaml",
        "content/cities/liege.yaml:11: events[0].organisers[2]: has 'Ж' (U+0416), 'а' (U+0430), "
        "'в' (U+0432), 'и' (U+0438), which the brand fonts cannot show; replace it or add a font "
        "that has it to brand/brand.yaml",
    ]


def test_the_embedded_campaign_is_covered():
    assert missing_glyphs(load_campaign(REPO), load_brand(REPO), FOLDER) == []
