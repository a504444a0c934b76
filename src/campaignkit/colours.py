"""Brand colours as documents write them: sRGB hex, or CMYK as CSS device-cmyk()."""

from __future__ import annotations


def device_cmyk(cmyk: tuple[float, float, float, float] | list[float]) -> str:
    """(100, 58, 0, 4) -> 'device-cmyk(100% 58% 0% 4%)'."""
    return "device-cmyk({}% {}% {}% {}%)".format(*(f"{value:g}" for value in cmyk))
