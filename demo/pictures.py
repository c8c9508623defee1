"""The demo photo library: 24 pictures drawn with Pillow (six motifs, one per section, in four lights).

They are honest illustrations, and their alt text and captions say so; nothing is written on them.
A soft focus, a vignette and a little grain take the flat vector look off, as a lens would.
"""

import io
import math
import random
from dataclasses import dataclass

from PIL import Image, ImageChops, ImageDraw, ImageEnhance, ImageFilter


@dataclass(frozen=True)
class Light:
    key: str
    sky_top: tuple
    sky_bottom: tuple
    glow: tuple
    ink: tuple
    words: dict  # edition -> "at dawn"


@dataclass(frozen=True)
class Motif:
    key: str
    section_key: str
    words: dict  # edition -> "a city skyline"


LIGHTS = [
    Light(
        "dawn", (255, 186, 150), (118, 92, 164), (255, 232, 176), (58, 40, 82), {"en": "at dawn", "ru": "на рассвете"}
    ),
    Light("day", (84, 156, 228), (204, 232, 250), (255, 244, 160), (36, 66, 98), {"en": "in daylight", "ru": "днём"}),
    Light("dusk", (42, 32, 92), (242, 122, 72), (255, 204, 96), (26, 20, 46), {"en": "at dusk", "ru": "в сумерках"}),
    Light("night", (8, 12, 42), (32, 52, 104), (232, 232, 212), (4, 8, 22), {"en": "at night", "ru": "ночью"}),
]

MOTIFS = [
    Motif("skyline", "news", {"en": "a city skyline", "ru": "силуэт города"}),
    Motif("columns", "politics", {"en": "a government building with columns", "ru": "здание с колоннами"}),
    Motif("bars", "economy", {"en": "a bar chart with a rising line", "ru": "столбчатая диаграмма с растущей линией"}),
    Motif("crowd", "society", {"en": "a stylised crowd of people", "ru": "стилизованная толпа людей"}),
    Motif("globe", "world", {"en": "a globe with meridians", "ru": "глобус с меридианами"}),
    Motif("trend", "analytics", {"en": "a line graph over a grid", "ru": "линейный график на сетке"}),
]

# Every (motif, light) pair, in a fixed order.
PICTURES = [(motif, light) for motif in MOTIFS for light in LIGHTS]

CREDIT = {"en": "Newsportal graphics", "ru": "Графика Newsportal"}
ALT_PREFIX = {"en": "Illustration: ", "ru": "Иллюстрация: "}


def describe(motif, light, edition):
    """(alt text, caption, credit) in the edition's language."""
    scene = f"{motif.words[edition]} {light.words[edition]}"
    return ALT_PREFIX[edition] + scene, scene[:1].upper() + scene[1:], CREDIT[edition]


def _mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def draw(motif, light, width=1600):
    """JPEG bytes of one picture, 3:2, the same for the same arguments."""
    height = round(width * 2 / 3)
    rng = random.Random(f"{motif.key}-{light.key}")  # noqa: S311 - reproducible demo content, not secrets
    top = Image.new("RGB", (width, height), light.sky_top)
    bottom = Image.new("RGB", (width, height), light.sky_bottom)
    image = Image.composite(bottom, top, Image.linear_gradient("L").resize((width, height)))
    canvas = ImageDraw.Draw(image)
    _MOTIF_PAINTERS[motif.key](canvas, width, height, light, rng)
    image = _as_through_a_lens(image, rng)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=84, optimize=True, progressive=True)
    return out.getvalue()


def _sun(canvas, w, h, light, x, y, r):
    for step in range(6, 0, -1):
        halo = _mix(light.sky_bottom, light.glow, 1 - step / 7)
        canvas.ellipse(
            (x - r * (1 + step / 4), y - r * (1 + step / 4), x + r * (1 + step / 4), y + r * (1 + step / 4)), fill=halo
        )
    canvas.ellipse((x - r, y - r, x + r, y + r), fill=light.glow)


def _skyline(canvas, w, h, light, rng):
    _sun(canvas, w, h, light, w * rng.uniform(0.2, 0.8), h * 0.38, h * 0.09)
    for layer, shade in ((0, 0.55), (1, 0.0)):
        x = -rng.randint(0, 60)
        colour = _mix(light.ink, light.sky_bottom, shade)
        while x < w:
            bw = rng.randint(w // 30, w // 12)
            top = h * rng.uniform(0.35, 0.7) + layer * h * 0.12
            canvas.rectangle((x, top, x + bw, h), fill=colour)
            if layer and light.key in ("dusk", "night"):
                for wy in range(int(top) + 14, h - 10, 28):
                    for wx in range(int(x) + 8, int(x + bw) - 10, 20):
                        if rng.random() < 0.35:
                            canvas.rectangle((wx, wy, wx + 8, wy + 12), fill=light.glow)
            x += bw + rng.randint(0, 12)


def _columns(canvas, w, h, light, rng):
    _sun(canvas, w, h, light, w * 0.5, h * 0.3, h * 0.1)
    stone = _mix(light.ink, light.glow, 0.18)
    left, right, base = w * 0.18, w * 0.82, h * 0.86
    canvas.rectangle((0, base, w, h), fill=light.ink)
    for step in range(3):
        canvas.rectangle(
            (left - 30 + step * 10, base - 18 * (step + 1), right + 30 - step * 10, base - 18 * step), fill=stone
        )
    col_top = h * 0.42
    count = 8
    span = (right - left) / count
    for i in range(count):
        cx = left + span * (i + 0.5)
        canvas.rectangle((cx - span * 0.22, col_top, cx + span * 0.22, base - 54), fill=stone)
    canvas.rectangle((left - 20, col_top - 40, right + 20, col_top), fill=stone)
    canvas.polygon([(left - 40, col_top - 40), (right + 40, col_top - 40), (w / 2, h * 0.18)], fill=stone)


def _bars(canvas, w, h, light, rng):
    grid = _mix(light.sky_top, light.sky_bottom, 0.5)
    for gy in range(int(h * 0.15), h, int(h * 0.1)):
        canvas.line((0, gy, w, gy), fill=_mix(grid, light.ink, 0.25), width=2)
    count, baseline = 9, h * 0.9
    span = w * 0.8 / count
    level = h * 0.25
    points = []
    for i in range(count):
        level += h * rng.uniform(0.01, 0.07)
        x = w * 0.1 + span * i
        canvas.rectangle(
            (x + span * 0.15, baseline - level, x + span * 0.85, baseline),
            fill=_mix(light.ink, light.glow, i / count * 0.6),
        )
        points.append((x + span / 2, baseline - level - h * 0.06))
    canvas.line(points, fill=light.glow, width=max(4, w // 250), joint="curve")
    for px, py in points:
        canvas.ellipse((px - 9, py - 9, px + 9, py + 9), fill=light.glow)


def _crowd(canvas, w, h, light, rng):
    _sun(canvas, w, h, light, w * rng.uniform(0.6, 0.85), h * 0.25, h * 0.08)
    rows = 4
    for row in range(rows):
        colour = _mix(light.sky_bottom, light.ink, 0.45 + 0.55 * row / (rows - 1))
        r = h * (0.035 + 0.012 * row)
        y = h * (0.55 + 0.11 * row)
        x = -rng.uniform(0, r * 2)
        while x < w + r:
            head_y = y + rng.uniform(-r * 0.4, r * 0.4)
            canvas.ellipse((x - r * 1.5, head_y + r * 1.1, x + r * 1.5, head_y + r * 5), fill=colour)
            canvas.ellipse((x - r, head_y - r, x + r, head_y + r), fill=colour)
            x += r * rng.uniform(2.2, 3.2)


def _globe(canvas, w, h, light, rng):
    for _ in range(int(w * h / 9000) if light.key in ("night", "dusk") else 0):
        sx, sy = rng.uniform(0, w), rng.uniform(0, h * 0.7)
        canvas.point((sx, sy), fill=light.glow)
    cx, cy, r = w / 2, h / 2, h * 0.36
    body = _mix(light.ink, light.sky_bottom, 0.35)
    line = _mix(light.glow, body, 0.35)
    canvas.ellipse((cx - r, cy - r, cx + r, cy + r), fill=body, outline=line, width=6)
    for k in range(1, 6):
        rx = r * math.cos(math.pi * k / 12)
        canvas.ellipse((cx - rx, cy - r, cx + rx, cy + r), outline=line, width=3)
    for k in range(-2, 3):
        y = cy + r * math.sin(math.pi * k / 6)
        half = math.sqrt(max(r * r - (y - cy) ** 2, 0))
        canvas.line((cx - half, y, cx + half, y), fill=line, width=3)


def _trend(canvas, w, h, light, rng):
    grid = _mix(light.sky_top, light.ink, 0.3)
    for gx in range(0, w, w // 16):
        canvas.line((gx, 0, gx, h), fill=grid, width=1)
    for gy in range(0, h, w // 16):
        canvas.line((0, gy, w, gy), fill=grid, width=1)
    phase, points = rng.uniform(0, math.pi), []
    for i in range(41):
        x = w * i / 40
        y = h * (0.6 - 0.25 * i / 40 + 0.12 * math.sin(phase + i / 4) + rng.uniform(-0.02, 0.02))
        points.append((x, y))
    canvas.polygon([*points, (w, h), (0, h)], fill=_mix(light.ink, light.sky_bottom, 0.35))
    canvas.line(points, fill=light.glow, width=max(5, w // 220), joint="curve")


_MOTIF_PAINTERS = {
    "skyline": _skyline,
    "columns": _columns,
    "bars": _bars,
    "crowd": _crowd,
    "globe": _globe,
    "trend": _trend,
}


def _as_through_a_lens(image, rng):
    """Soft focus, darker corners and film grain: the drawing reads as a photograph, not a diagram."""
    width, height = image.size
    image = image.filter(ImageFilter.GaussianBlur(radius=max(1, width / 900)))
    corners = Image.radial_gradient("L").resize((width, height)).point(lambda v: min(255, round(v * 0.9)))
    image = Image.composite(ImageEnhance.Brightness(image).enhance(rng.uniform(0.45, 0.6)), image, corners)
    grain = Image.effect_noise((width, height), rng.uniform(5, 8))
    return ImageChops.add(image, Image.merge("RGB", (grain, grain, grain)), scale=1.0, offset=-128)


PORTRAIT_BACKGROUNDS = [(70, 96, 130), (120, 86, 70), (64, 110, 96), (104, 84, 122)]


def draw_portrait(seed, size=480):
    """JPEG bytes of a square portrait: a soft silhouette on a studio backdrop, no face, no text."""
    rng = random.Random(f"portrait-{seed}")  # noqa: S311 - reproducible demo content, not secrets
    backdrop = rng.choice(PORTRAIT_BACKGROUNDS)
    light = tuple(min(255, channel + 70) for channel in backdrop)
    image = Image.composite(
        Image.new("RGB", (size, size), backdrop),
        Image.new("RGB", (size, size), light),
        Image.radial_gradient("L").resize((size, size)),
    )
    canvas = ImageDraw.Draw(image)
    tone = _mix((40, 36, 34), backdrop, 0.25)
    head = size * rng.uniform(0.17, 0.2)
    centre = size / 2 + rng.uniform(-0.03, 0.03) * size
    canvas.ellipse((centre - head, size * 0.22, centre + head, size * 0.22 + head * 2.3), fill=tone)
    canvas.ellipse((centre - size * 0.36, size * 0.7, centre + size * 0.36, size * 1.3), fill=tone)
    image = image.filter(ImageFilter.GaussianBlur(size / 200))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82)
    return buffer.getvalue()
