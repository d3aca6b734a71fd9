"""What the emulated jobs are made of: models, sizes, durations, failure reasons and prompts."""

from __future__ import annotations

import random
from typing import Final

MODELS: Final = (
    "sora-2",
    "sora-2-pro",
    "sora-2-2025-10-06",
    "sora-2-pro-2025-10-06",
    "sora-2-2025-12-08",
)
_MODEL_WEIGHTS: Final = (62, 25, 5, 4, 4)

# API.md §2: sora-2 renders only 720p; sora-2-pro adds the tall/wide 1024p and the 1080p sizes.
BASIC_SIZES: Final = ("720x1280", "1280x720")
PRO_SIZES: Final = BASIC_SIZES + ("1024x1792", "1792x1024", "1920x1080", "1080x1920")
# The seeded world sticks to the sizes the OpenAPI spec enumerates, so every listed job validates.
_SPEC_PRO_SIZES: Final = PRO_SIZES[:4]
SECONDS: Final = ("4", "8", "12", "16", "20")
_WORLD_SECONDS: Final = ("4", "8", "12")
_SECONDS_WEIGHTS: Final = (45, 35, 20)

MODERATION_MESSAGE: Final = "Your request was blocked by our moderation system."
FAILURES: Final = (
    ("moderation_blocked", MODERATION_MESSAGE, 48),
    (
        "moderation_blocked",
        "The request is blocked by our moderation system when checking inputs. Possible reasons: self-harm",
        12,
    ),
    (
        "internal_error",
        "The video could not be generated due to an internal error. Please try again.",
        25,
    ),
    ("generation_timeout", "Video generation timed out. Please try again later.", 15),
)
FAILURE_RATE: Final = 0.08
EXPIRY_SECONDS: Final = 86_400


def is_pro(model: str) -> bool:
    return "pro" in model


def sizes_for(model: str) -> tuple[str, ...]:
    return PRO_SIZES if is_pro(model) else BASIC_SIZES


def pick_model(rng: random.Random) -> str:
    return rng.choices(MODELS, weights=_MODEL_WEIGHTS)[0]


def pick_size(rng: random.Random, model: str) -> str:
    if is_pro(model) and rng.random() < 0.3:
        return rng.choice(_SPEC_PRO_SIZES[2:])
    return rng.choices(BASIC_SIZES, weights=(55, 45))[0]


def pick_seconds(rng: random.Random) -> str:
    return rng.choices(_WORLD_SECONDS, weights=_SECONDS_WEIGHTS)[0]


def queue_seconds(rng: random.Random) -> float:
    """A few seconds in the queue, sometimes a minute or more under load."""
    return rng.uniform(20.0, 90.0) if rng.random() < 0.1 else rng.uniform(1.0, 6.0)


def render_seconds(rng: random.Random, model: str, seconds: str) -> float:
    """Time spent in_progress: about 1-2 min for sora-2 and 1.5-3 min for sora-2-pro (API.md §10)."""
    base = rng.uniform(90.0, 180.0) if is_pro(model) else rng.uniform(60.0, 120.0)
    length = int(seconds) if seconds.isdigit() else 4
    return base * (1.0 + (length - 4) / 16)


def pick_failure(rng: random.Random) -> tuple[str, str, float] | None:
    """(code, message, fraction of the render at which it fails), or None for a job that succeeds."""
    if rng.random() >= FAILURE_RATE:
        return None
    code, message, _ = rng.choices(FAILURES, weights=[w for _, _, w in FAILURES])[0]
    if code == "moderation_blocked":
        at = rng.uniform(0.0, 0.15)
    elif code == "generation_timeout":
        at = 1.0
    else:
        at = rng.uniform(0.2, 0.9)
    return code, message, at


_SUBJECTS: Final = (
    "A red fox",
    "An elderly fisherman",
    "A golden retriever puppy",
    "A paper airplane",
    "Two astronauts",
    "A lighthouse keeper",
    "A hummingbird",
    "A vintage tram",
    "A street dancer",
    "A humpback whale",
    "A tiny robot",
    "A ballerina",
    "A hot air balloon",
    "A barista",
    "A snow leopard",
    "A child in a raincoat",
    "A koi fish",
    "A skateboarder",
    "An origami crane",
    "A steam locomotive",
    "A jazz trio",
    "A chameleon",
)
_ACTIONS: Final = (
    "trotting through fresh snow",
    "mending a net",
    "chasing soap bubbles",
    "gliding over rooftops",
    "planting a flag",
    "climbing a spiral staircase",
    "hovering over a flower",
    "rattling down a hill",
    "spinning in slow motion",
    "breaching the surface",
    "sorting glowing marbles",
    "rehearsing alone",
    "drifting above the clouds",
    "pouring latte art",
    "stalking along a ridge",
    "jumping into puddles",
    "circling beneath lily pads",
    "carving down an empty pool",
    "unfolding itself",
    "crossing a viaduct",
)
_SETTINGS: Final = (
    "in a birch forest at dawn",
    "on a wooden pier at dusk",
    "in a sunlit backyard",
    "over a rainy Tokyo street",
    "on the surface of Mars",
    "inside a lighthouse",
    "in a tropical garden",
    "in 1950s Lisbon",
    "under a neon-lit overpass",
    "off the coast of Iceland",
    "in a cluttered workshop",
    "on an empty stage",
    "above lavender fields",
    "in a cozy corner café",
    "in the Himalayas during a blizzard",
    "on a city sidewalk",
    "in a moonlit pond",
    "in a desert motel",
    "on a library desk",
    "through misty mountains",
)
_STYLES: Final = (
    "shot on 35mm film, shallow depth of field",
    "cinematic, anamorphic lens flare",
    "Studio Ghibli-inspired watercolor",
    "handheld documentary style",
    "stop-motion claymation",
    "hyperreal macro photography",
    "1980s VHS look",
    "golden hour, soft natural light",
    "black and white noir",
    "drone shot, slow push-in",
    "vibrant pastel palette",
    "tilt-shift miniature effect",
    "moody teal and orange grade",
    "IMAX nature documentary",
)
_CAMERA: Final = (
    "Slow dolly-in.",
    "The camera orbits once.",
    "Locked-off wide shot.",
    "Whip pan at the end.",
    "Rack focus from foreground to subject.",
    "Single continuous take.",
    "",
)
_REMIXES: Final = (
    "Same scene, but at night with heavy rain.",
    "Make it winter, with snow falling.",
    "Change the palette to black and white.",
    "Turn it into a claymation style.",
    "Add a second character walking in from the left.",
    "Slow everything down to half speed.",
    "Same shot from a low angle.",
    "Make the lighting warmer, like late afternoon.",
)
# Prompts a dashboard must render safely: markup-like brackets, non-Latin text, line breaks, length.
_ODD_PROMPTS: Final = (
    "A neon sign reading [OPEN 24/7] flickers above a rainy alley; a cat named [bold]Mochi[/bold] watches.",
    "Une boulangerie à Paris au lever du soleil, croissants dorés — plan séquence, lumière douce.",
    "桜の並木道をゆっくり歩く三毛猫、シネマティック、浅い被写界深度。",
    "Storyboard:\nShot 1: wide establishing shot of a harbour.\nShot 2: close-up of a gull stealing a chip.",
    "A slow pan across a kitchen table covered in maps, compasses and handwritten notes. " * 8,
    "Product shot: a matte black water bottle rotating on a turntable, studio lighting, 100% seamless white.",
)


def make_prompt(rng: random.Random) -> str:
    if rng.random() < 0.04:
        return rng.choice(_ODD_PROMPTS).strip()
    camera = rng.choice(_CAMERA)
    text = f"{rng.choice(_SUBJECTS)} {rng.choice(_ACTIONS)} {rng.choice(_SETTINGS)}, {rng.choice(_STYLES)}."
    return f"{text} {camera}".strip()


def make_remix_prompt(rng: random.Random) -> str:
    return rng.choice(_REMIXES)
