"""Calm abstract artwork for the demo articles' covers, drawn with Pillow.

Everything is generated from a seed string (the article's slug), so the same article always gets
the same picture and no image has to be downloaded or licensed. Soft gradients, blurred organic
shapes and a few slow wave lines in the site palette (cream, sage, light sage, clay).

The covers are drawn once and shipped beside the articles (articles/<slug>.webp, named by each
file's `cover:`), so seeding imports them like any other cover instead of drawing five pictures
on every fresh database. After adding an article, draw its cover with
`python -m craniocare.demo.artwork`.
"""

from __future__ import annotations

import io
import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 1200, 630
CREAM = (247, 243, 236)
SAGE = (61, 97, 87)
LIGHT_SAGE = (227, 236, 230)
CLAY = (156, 74, 47)


def _mix(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> tuple[int, int, int]:
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def _background(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    """A diagonal cream-to-light-sage gradient (computed small, then smoothly enlarged)."""
    small_w, small_h = 48, 26
    start, end = (CREAM, LIGHT_SAGE) if rng.random() < 0.5 else (LIGHT_SAGE, CREAM)
    angle = rng.uniform(0.2, 0.8)
    small = Image.new("RGB", (small_w, small_h))
    pixels = small.load()
    assert pixels is not None
    for y in range(small_h):
        for x in range(small_w):
            t = (x / small_w) * math.cos(angle) + (y / small_h) * math.sin(angle)
            pixels[x, y] = _mix(start, end, min(1.0, max(0.0, t / 1.3)))
    return small.resize(size, Image.Resampling.BICUBIC)


def _blob(rng: random.Random, cx: float, cy: float, radius: float) -> list[tuple[float, float]]:
    """An organic closed shape: a circle whose radius breathes with a few slow harmonics."""
    harmonics = [(k, rng.uniform(0.04, 0.14), rng.uniform(0, math.tau)) for k in (2, 3, 5)]
    points = []
    for step in range(96):
        theta = math.tau * step / 96
        r = radius * (1 + sum(a * math.sin(k * theta + p) for k, a, p in harmonics))
        points.append((cx + r * math.cos(theta), cy + r * math.sin(theta) * 0.8))
    return points


def calm_artwork(seed: str, size: tuple[int, int] = (WIDTH, HEIGHT)) -> Image.Image:
    """Return an RGB image for `seed`: the same seed always gives the same picture."""
    rng = random.Random(seed)
    width, height = size
    image = _background(rng, size).convert("RGBA")

    # Each shape is a blurred mask over a solid colour, so edges fade into the background
    # instead of into grey (blurring a transparent RGBA layer would pull in black).
    palette = [(SAGE, 0.28), (SAGE, 0.18), (CLAY, 0.22), (LIGHT_SAGE, 0.7), (CREAM, 0.65)]
    blur = ImageFilter.GaussianBlur(radius=max(8, width // 40))
    for colour, strength in rng.sample(palette, k=len(palette)):
        cx = rng.uniform(0.1, 0.9) * width
        cy = rng.uniform(0.15, 0.85) * height
        radius = rng.uniform(0.22, 0.48) * height
        mask = Image.new("L", size, 0)
        ImageDraw.Draw(mask).polygon(_blob(rng, cx, cy, radius), fill=round(255 * strength))
        image.paste(Image.new("RGBA", size, (*colour, 255)), mask=mask.filter(blur))

    # A few slow waves, drawn at twice the size and reduced for smooth edges.
    lines = Image.new("RGBA", (width * 2, height * 2), (0, 0, 0, 0))
    line_draw = ImageDraw.Draw(lines)
    base_y = rng.uniform(0.45, 0.7) * height * 2
    wavelength = rng.uniform(0.6, 1.1) * width * 2
    phase = rng.uniform(0, math.tau)
    for index in range(5):
        offset = index * height * 2 * 0.045
        amplitude = height * 2 * (0.05 + 0.012 * index)
        points = [
            (
                x,
                base_y
                + offset
                + amplitude * math.sin(math.tau * x / wavelength + phase + index * 0.35),
            )
            for x in range(0, width * 2 + 8, 8)
        ]
        colour = CLAY if index == 2 else SAGE
        line_draw.line(points, fill=(*colour, 95 if index == 2 else 70), width=4, joint="curve")
    lines = lines.resize(size, Image.Resampling.LANCZOS)
    image = Image.alpha_composite(image, lines)
    return image.convert("RGB")


def webp_bytes(image: Image.Image, *, quality: int = 72) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="WEBP", quality=quality, method=6)
    return buffer.getvalue()


def cover_webp(seed: str) -> bytes:
    """A 1200x630 WebP cover for an article, well under 40 KB."""
    return webp_bytes(calm_artwork(seed))


ARTICLES = Path(__file__).resolve().parent / "articles"


def draw_covers(directory: Path = ARTICLES) -> list[Path]:
    """Draw `<slug>.webp` beside each `<slug>.md` in `directory` that has no cover yet."""
    drawn = []
    for article in sorted(directory.glob("*.md")):
        cover = article.with_suffix(".webp")
        if not cover.exists():
            cover.write_bytes(cover_webp(article.stem))
            drawn.append(cover)
    return drawn


if __name__ == "__main__":
    for path in draw_covers():
        print(f"drew {path}")
