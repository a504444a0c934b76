"""Characters the brand fonts cannot draw are content problems, found before rendering."""

from conftest import REPO, edit, make_content

from campaignkit.characters import missing_glyphs
from campaignkit.content import load_campaign


def test_characters_outside_the_brand_fonts_are_named_with_file_and_line(tmp_path):
    root = make_content(tmp_path)
    edit(root / "content/cities/brussels.yaml", "place: {en: Grand-Place, fr: Grand-Place}",
         "place: {en: Grand-Place, fr: Grand-Place 💙 布鲁塞尔}")  # fmt: skip
    fonts = sorted((REPO / "brand/fonts").glob("*.ttf"))
    assert [str(p) for p in missing_glyphs(load_campaign(root), fonts)] == [
        "content/cities/brussels.yaml:6: events[0].place.fr: has '塞' (U+585E), '尔' (U+5C14), "
        "'布' (U+5E03), '鲁' (U+9C81), '💙' (U+1F499), which the brand fonts cannot show; replace "
        "it or add a font that has it to brand/brand.yaml"
    ]


def test_the_embedded_campaign_is_covered():
    fonts = sorted((REPO / "brand/fonts").glob("*.ttf"))
    assert missing_glyphs(load_campaign(REPO), fonts) == []
