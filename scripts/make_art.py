"""Draws the site's decorative artwork (original, abstract): `python scripts/make_art.py`.

Soft overlapping shapes in the practice palette; the output is committed under static/img/.
"""

from __future__ import annotations

import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

CREAM = (247, 243, 236)
SAGE = (61, 97, 87)
SAGE_LIGHT = (227, 236, 230)
CLAY = (156, 74, 47)
SAND = (222, 205, 180)


def waves(width: int, height: int, seed: int) -> Image.Image:
    rng = random.Random(seed)
    img = Image.new("RGB", (width, height), CREAM)
    layer = Image.new("RGBA", (width, height), (*CREAM, 0))
    draw = ImageDraw.Draw(layer)
    colors = [SAGE_LIGHT, SAND, SAGE, CLAY]
    sun_r = min(width, height) * 0.16
    cx, cy = width * rng.uniform(0.6, 0.78), height * 0.26
    draw.ellipse((cx - sun_r, cy - sun_r, cx + sun_r, cy + sun_r), fill=(*SAND, 230))
    for index, color in enumerate(colors):
        base = height * (0.35 + 0.16 * index)
        amplitude = height * rng.uniform(0.04, 0.09)
        phase = rng.uniform(0, math.tau)
        points = [(0, height)]
        for x in range(0, width + 10, 10):
            y = base + amplitude * math.sin(x / width * math.tau * 1.2 + phase)
            points.append((x, y))
        points.append((width, height))
        alpha = 150 if color in (SAGE, CLAY) else 210
        draw.polygon(points, fill=(*color, alpha))
    layer = layer.filter(ImageFilter.GaussianBlur(radius=max(width, height) / 300))
    img.paste(layer, (0, 0), layer)
    return img


def main() -> None:
    out = Path(__file__).resolve().parent.parent / "static" / "img"
    out.mkdir(parents=True, exist_ok=True)
    waves(800, 1000, seed=7).save(out / "hero.webp", "WEBP", quality=72, method=6)
    waves(1200, 630, seed=3).save(out / "og-default.png", "PNG", optimize=True)


if __name__ == "__main__":
    main()
