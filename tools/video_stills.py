"""Draw the pack's video-call pictures: flat illustrations in one palette, made for this project.

    PYTHONPATH=. python tools/video_stills.py [OUT_DIR]      (default: scenarios/images; needs pygame-ce, whose SDL_image reads SVG)

Each picture is written as SVG (shapes only, no text, no real insignia) and rendered to PNG by
pygame (SDL_image's SVG reader), so the files are reproducible and editable. Composite pictures
(the meeting room, the video message) are put together from rendered tiles with pygame. Words
never go into a picture: names, states and captions are drawn by the game, in the player's language.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
import pygame  # noqa: E402

from game.ui.phone import video_fx  # noqa: E402

# one palette for every picture
INK = "#1d2230"
SKIN = {"light": ("#f0c4a0", "#d9a07e"), "warm": ("#e3ad86", "#c98d68"), "tan": ("#cf9870", "#b07a55")}
HAIR = ("#231c24", "#3a2f3d")
OLIVE = ("#5f7446", "#4b5d37", "#7b9160")  # the fictional uniform: base, shade, light
NAVY = ("#2f4160", "#24334d", "#41587d")
LIPS = "#b5584f"


def svg(w: int, h: int, body: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">'
            f"{body}</svg>")


def g(x: float, y: float, k: float, body: str) -> str:
    return f'<g transform="translate({x} {y}) scale({k})">{body}</g>'


def render(src: str, size: tuple) -> pygame.Surface:
    return pygame.image.load_sized_svg(io.BytesIO(src.encode()), size)


# -- people --------------------------------------------------------------------------------
# A head-and-shoulders figure around its head's centre (0, 0); the head is about 92 units wide.


def face(skin: str, mood: str = "calm") -> str:
    base, shade = SKIN[skin]
    brow = {"calm": ("M-27 -16 Q-17 -21 -8 -17", "M8 -17 Q17 -21 27 -16"),
            "stern": ("M-27 -19 Q-17 -16 -7 -13", "M7 -13 Q17 -16 27 -19"),
            "worried": ("M-26 -13 Q-17 -19 -9 -21", "M9 -21 Q17 -19 26 -13")}[mood]
    mouth = {"calm": f'<path d="M-10 35 Q0 41 10 35" stroke="{LIPS}" stroke-width="3.4" fill="none" stroke-linecap="round"/>',
             "stern": f'<path d="M-11 37 L11 37" stroke="{LIPS}" stroke-width="3.6" fill="none" stroke-linecap="round"/>',
             "worried": f'<path d="M-9 39 Q0 34 9 39" stroke="{LIPS}" stroke-width="3.4" fill="none" stroke-linecap="round"/>'}[mood]
    return (
        f'<ellipse cx="-45" cy="4" rx="8" ry="13" fill="{shade}"/><ellipse cx="45" cy="4" rx="8" ry="13" fill="{shade}"/>'
        f'<path d="M-45 -8 C-46 -62 46 -62 45 -8 C45 32 24 60 0 61 C-24 60 -45 32 -45 -8 Z" fill="{base}"/>'
        # the shaded side of the face
        f'<path d="M18 -52 C40 -44 46 -28 45 -8 C45 32 24 60 0 61 C18 50 30 30 30 0 C30 -24 26 -42 18 -52 Z" '
        f'fill="{shade}" opacity="0.55"/>'
        f'<ellipse cx="-26" cy="20" rx="9" ry="5" fill="#e07a6a" opacity="0.22"/>'
        f'<ellipse cx="26" cy="20" rx="9" ry="5" fill="#e07a6a" opacity="0.22"/>'
        f'<path d="{brow[0]}" stroke="{HAIR[0]}" stroke-width="4.2" fill="none" stroke-linecap="round"/>'
        f'<path d="{brow[1]}" stroke="{HAIR[0]}" stroke-width="4.2" fill="none" stroke-linecap="round"/>'
        f'<ellipse cx="-17" cy="2" rx="5" ry="6" fill="{INK}"/><ellipse cx="17" cy="2" rx="5" ry="6" fill="{INK}"/>'
        f'<circle cx="-15.5" cy="0" r="1.6" fill="#ffffff"/><circle cx="18.5" cy="0" r="1.6" fill="#ffffff"/>'
        f'<path d="M-2 10 Q-5 22 1 24" stroke="{shade}" stroke-width="3" fill="none" stroke-linecap="round"/>'
        + mouth
    )


def neck(skin: str) -> str:
    return f'<path d="M-19 30 L-19 84 L19 84 L19 30 Z" fill="{SKIN[skin][1]}"/>'


def torso(colour: str, shade: str) -> str:
    return (f'<path d="M-150 270 C-150 150 -120 100 -44 84 L44 84 C120 100 150 150 150 270 Z" fill="{colour}"/>'
            f'<path d="M60 88 C118 104 150 150 150 270 L96 270 C100 190 90 130 60 88 Z" fill="{shade}" opacity="0.7"/>')


def uniform(c=OLIVE, tabs="#a8433a") -> str:
    base, shade, light = c
    return (torso(base, shade)
            # shoulder boards (plain, no stars or text)
            + f'<path d="M-128 112 L-66 92 L-62 104 L-122 126 Z" fill="{shade}"/>'
            f'<path d="M128 112 L66 92 L62 104 L122 126 Z" fill="{shade}"/>'
            f'<path d="M-124 118 L-64 98" stroke="#d8b45a" stroke-width="2.4"/>'
            f'<path d="M124 118 L64 98" stroke="#d8b45a" stroke-width="2.4"/>'
            # shirt collar and placket
            + f'<path d="M-40 80 L0 128 L-14 134 L-50 96 Z" fill="{light}"/>'
            f'<path d="M40 80 L0 128 L14 134 L50 96 Z" fill="{light}"/>'
            f'<path d="M-30 98 L-16 112 L-24 120 Z" fill="{tabs}"/><path d="M30 98 L16 112 L24 120 Z" fill="{tabs}"/>'
            f'<path d="M0 128 L0 270" stroke="{shade}" stroke-width="3"/>'
            f'<circle cx="0" cy="160" r="3.4" fill="#d8b45a"/><circle cx="0" cy="205" r="3.4" fill="#d8b45a"/>'
            # breast pockets and a plain round badge
            + f'<path d="M-96 160 L-48 160 L-48 204 L-96 204 Z" fill="{shade}" opacity="0.55"/>'
            f'<path d="M48 160 L96 160 L96 204 L48 204 Z" fill="{shade}" opacity="0.55"/>'
            f'<circle cx="-72" cy="142" r="9" fill="#d8b45a"/><circle cx="-72" cy="142" r="5" fill="{base}"/>')


def cap(c=OLIVE) -> str:
    base, shade, light = c
    return (f'<path d="M-60 -44 C-66 -90 66 -90 60 -44 Z" fill="{base}"/>'
            f'<path d="M-52 -46 L52 -46 L50 -32 L-50 -32 Z" fill="{shade}"/>'
            f'<path d="M-50 -34 Q0 -20 50 -34 L56 -24 Q0 -6 -56 -24 Z" fill="{INK}"/>'
            f'<path d="M-46 -50 L46 -50" stroke="#d8b45a" stroke-width="3"/>'
            f'<circle cx="0" cy="-62" r="10" fill="#d8b45a"/><circle cx="0" cy="-62" r="5.5" fill="{light}"/>')


def short_hair() -> str:
    return (f'<path d="M-47 -6 C-52 -58 -22 -74 6 -71 C40 -68 54 -44 47 -6 C42 -28 30 -40 8 -42 '
            f'C-14 -34 -30 -32 -47 -6 Z" fill="{HAIR[0]}"/>'
            f'<path d="M-10 -66 C8 -70 30 -62 38 -46" stroke="{HAIR[1]}" stroke-width="5" fill="none" stroke-linecap="round"/>')


def long_hair_back() -> str:
    return (f'<path d="M-54 -20 C-62 -84 62 -84 54 -20 C58 40 66 90 78 128 C40 140 -40 140 -78 128 '
            f'C-66 90 -58 40 -54 -20 Z" fill="{HAIR[0]}"/>')


def long_hair_front() -> str:
    return (f'<path d="M-48 -4 C-54 -60 -16 -76 8 -72 C44 -68 56 -40 48 -2 C44 -30 30 -44 16 -46 '
            f'C4 -30 -22 -20 -48 -4 Z" fill="{HAIR[0]}"/>'
            f'<path d="M-20 -62 C0 -70 26 -64 38 -48" stroke="{HAIR[1]}" stroke-width="5" fill="none" stroke-linecap="round"/>'
            f'<path d="M-48 -4 C-50 30 -54 70 -66 104 C-52 96 -44 60 -42 0 Z" fill="{HAIR[0]}"/>')


def ponytail_front() -> str:
    return (f'<path d="M-47 -2 C-52 -62 -10 -76 10 -72 C44 -66 54 -40 47 -2 C40 -22 24 -30 2 -34 '
            f'C-8 -22 -20 -14 -30 -12 C-36 -20 -38 -10 -47 -2 Z" fill="{HAIR[0]}"/>'
            f'<path d="M-14 -64 C4 -70 26 -64 36 -50" stroke="{HAIR[1]}" stroke-width="5" fill="none" stroke-linecap="round"/>')


def person(skin: str, hair: str, clothes: str, mood: str = "calm", hat: bool = False, c=OLIVE) -> str:
    back = {"long": long_hair_back(), "ponytail": f'<ellipse cx="34" cy="-56" rx="22" ry="26" fill="{HAIR[0]}"/>'}.get(hair, "")
    front = {"long": long_hair_front(), "ponytail": ponytail_front()}.get(hair, short_hair())
    return back + neck(skin) + clothes + face(skin, mood) + front + (cap(c) if hat else "")


def hoodie(colour: str, shade: str) -> str:
    return (f'<path d="M-70 96 C-60 60 60 60 70 96 L40 110 C30 92 -30 92 -40 110 Z" fill="{shade}"/>'
            + torso(colour, shade)
            + f'<path d="M-40 92 C-30 120 30 120 40 92" stroke="{shade}" stroke-width="8" fill="none"/>'
            f'<path d="M-16 112 L-20 170" stroke="#f2e6d0" stroke-width="4" stroke-linecap="round"/>'
            f'<path d="M16 112 L20 170" stroke="#f2e6d0" stroke-width="4" stroke-linecap="round"/>')


def tee(colour: str, shade: str) -> str:
    return (torso(colour, shade)
            + f'<path d="M-34 82 C-28 108 28 108 34 82" stroke="{shade}" stroke-width="7" fill="none"/>')


# -- places --------------------------------------------------------------------------------


def office(w: int, h: int, wall: str = "#3d5166", dark: str = "#32455a") -> str:
    """A plain office: window blinds, a shelf of binders, a clock without numerals. No flag, no words."""
    binders = "".join(
        f'<rect x="{250 + i * 14}" y="{y}" width="11" height="{52 - (i % 3) * 6}" rx="2" fill="{c}"/>'
        for y in (96, 168) for i, c in enumerate(("#c8553d", "#e0a458", "#588b8b", "#f2e3bc", "#c8553d", "#6d8fb3")))
    slats = "".join(f'<rect x="26" y="{70 + i * 12}" width="92" height="7" fill="#b9cad6"/>' for i in range(11))
    return (f'<rect width="{w}" height="{h}" fill="{wall}"/>'
            f'<rect x="0" y="{h * 0.62:.0f}" width="{w}" height="{h * 0.38:.0f}" fill="{dark}"/>'
            f'<rect x="18" y="60" width="108" height="150" rx="4" fill="#8aa3b6"/>{slats}'
            f'<rect x="240" y="84" width="104" height="160" rx="4" fill="#2a3a4c"/>'
            f'<rect x="240" y="154" width="104" height="6" fill="#223140"/>{binders}'
            f'<circle cx="180" cy="50" r="22" fill="#e9e4d8"/><circle cx="180" cy="50" r="22" fill="none" stroke="#2a3a4c" stroke-width="4"/>'
            f'<path d="M180 50 L180 36 M180 50 L190 56" stroke="{INK}" stroke-width="3" stroke-linecap="round"/>'
            f'<path d="M46 262 C30 230 40 214 54 206 C60 222 64 240 58 262 Z" fill="#5f8f5a"/>'
            f'<path d="M60 262 C66 228 80 220 92 218 C90 236 80 252 70 262 Z" fill="#4f7d4b"/>'
            f'<path d="M40 260 L82 260 L76 296 L46 296 Z" fill="#b46a4a"/>')


def desk(w: int, top: int, skin: str, c=OLIVE) -> str:
    base, shade, light = c
    return (f'<path d="M-10 {top} L{w + 10} {top} L{w + 10} {top + 200} L-10 {top + 200} Z" fill="#7a5134"/>'
            f'<path d="M-10 {top} L{w + 10} {top} L{w + 10} {top + 16} L-10 {top + 16} Z" fill="#9a6a45"/>'
            # folders under the left arm, a blank nameplate and a pen cup on the right
            f'<path d="M22 {top + 4} L120 {top - 2} L124 {top + 16} L24 {top + 22} Z" fill="#e8d9b5"/>'
            f'<path d="M26 {top - 4} L116 {top - 10} L120 {top + 6} L28 {top + 12} Z" fill="#c9a86a"/>'
            f'<path d="M236 {top - 24} L316 {top - 24} L322 {top + 4} L230 {top + 4} Z" fill="{INK}"/>'
            f'<path d="M241 {top - 18} L311 {top - 18} L315 {top - 1} L237 {top - 1} Z" fill="none" stroke="#d8b45a" stroke-width="2"/>'
            f'<rect x="326" y="{top - 34}" width="20" height="36" rx="3" fill="#3b4d63"/>'
            f'<path d="M330 {top - 34} L324 {top - 58} M338 {top - 34} L342 {top - 60}" stroke="{INK}" stroke-width="3"/>'
            # forearms resting on the desk, hands together
            f'<path d="M58 {top + 52} L150 {top + 8}" stroke="{base}" stroke-width="44" stroke-linecap="round"/>'
            f'<path d="M302 {top + 52} L210 {top + 8}" stroke="{shade}" stroke-width="44" stroke-linecap="round"/>'
            f'<path d="M140 {top - 6} L146 {top + 26}" stroke="{light}" stroke-width="6" stroke-linecap="round"/>'
            f'<path d="M220 {top - 6} L214 {top + 26}" stroke="{base}" stroke-width="6" stroke-linecap="round"/>'
            f'<ellipse cx="168" cy="{top + 6}" rx="21" ry="14" fill="{SKIN[skin][0]}"/>'
            f'<ellipse cx="192" cy="{top + 8}" rx="21" ry="14" fill="{SKIN[skin][1]}"/>')


def bedroom(w: int, h: int, wall: str = "#5a4a63", lamp: bool = True) -> str:
    """A room at night: a warm lamp, string lights, a shelf, a poster of shapes."""
    lights = "".join(f'<circle cx="{20 + i * 30}" cy="{40 + (i % 2) * 8 + abs(i - 6) * 2}" r="4" fill="#ffd98a"/>'
                     for i in range(12))
    glow = (f'<circle cx="{w - 40}" cy="150" r="120" fill="#f6c177" opacity="0.16"/>'
            f'<circle cx="{w - 40}" cy="150" r="60" fill="#f6c177" opacity="0.2"/>'
            f'<path d="M{w - 62} 132 L{w - 18} 132 L{w - 26} 104 L{w - 54} 104 Z" fill="#f2d29b"/>') if lamp else ""
    return (f'<rect width="{w}" height="{h}" fill="{wall}"/>{glow}'
            f'<path d="M10 36 Q{w / 2} 70 {w - 10} 36" stroke="#3a2f3d" stroke-width="1.5" fill="none"/>{lights}'
            f'<rect x="30" y="80" width="86" height="110" rx="4" fill="#e6d3b3"/>'
            f'<circle cx="62" cy="118" r="22" fill="#e07a5f"/><path d="M40 178 L80 130 L110 178 Z" fill="#3d7a7a"/>'
            f'<rect x="0" y="{h * 0.72:.0f}" width="{w}" height="{h * 0.28:.0f}" fill="#3b3142"/>')


# -- the pictures --------------------------------------------------------------------------


def officer_at_desk(skin="warm", mood="stern", wall="#3d5166", dark="#32455a", hat=True, c=OLIVE) -> str:
    """360 x 480: a uniformed 'officer' at a desk, in a plain office."""
    return svg(360, 480, office(360, 480, wall, dark)
               + g(180, 196, 1.0, person(skin, "short", uniform(c), mood, hat=hat, c=c))
               + desk(360, 400, skin, c))


def friend_selfie(skin="light", hair="long", colour=("#d9a441", "#b7862e"), mood="calm", wall="#5a4a63") -> str:
    """360 x 480: a young person on a phone camera at night, shoulders and a raised arm in frame."""
    arm = (f'<path d="M-10 480 C0 420 20 380 60 360 L110 380 C80 400 70 440 70 480 Z" fill="{colour[1]}"/>')
    return svg(360, 480, bedroom(360, 480, wall) + g(188, 214, 1.45, person(skin, hair, hoodie(*colour), mood)) + arm)


def teen_at_home(size=(360, 480), mood="worried", lamp=True, x=0.5) -> str:
    w, h = size
    k = h / 480 * 1.35
    return svg(w, h, bedroom(w, h, "#4f5a70", lamp) + g(w * x, h * 0.46, k, person("light", "ponytail", tee("#7fa7c9", "#5f88ab"), mood)))


def rounded(surf: pygame.Surface, radius: int) -> pygame.Surface:
    out = pygame.Surface(surf.get_size(), pygame.SRCALPHA)
    out.blit(surf, (0, 0))
    mask = pygame.Surface(out.get_size(), pygame.SRCALPHA)
    pygame.draw.rect(mask, (255, 255, 255, 255), mask.get_rect(), border_radius=radius)
    out.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    return out


def tile(src: str, size: tuple, crop_top: float = 0.18) -> pygame.Surface:
    """A portrait picture cut to a landscape video tile (the face kept in view)."""
    w, h = size
    full = render(src, (w, int(w * 480 / 360)))
    y = int(full.get_height() * crop_top)
    return full.subsurface((0, y, w, min(h, full.get_height() - y))).copy()


def meeting_room() -> pygame.Surface:
    """480 x 360: a fake 'meeting room': three 'officials' (one camera frozen) and the player's own camera.

    No names and no buttons: the game draws the caller's name and the call's controls around the picture."""
    W, H = 480, 360
    out = pygame.Surface((W, H))
    out.fill(pygame.Color("#15181f"))
    pygame.draw.rect(out, pygame.Color("#1f2430"), (0, 0, W, 30))
    pygame.draw.circle(out, pygame.Color("#e5484d"), (18, 15), 6)  # recording
    for i in range(3):
        pygame.draw.circle(out, pygame.Color("#8b93a7"), (W - 40 + i * 10, 15), 2)
    tw, th = (W - 18) // 2, (H - 36 - 12) // 2
    tiles = [
        tile(officer_at_desk(), (tw, th)),
        tile(officer_at_desk("tan", "stern", "#44505e", "#38434f", hat=False, c=NAVY), (tw, th)),
        video_fx.hidden(tile(officer_at_desk("light", "calm", "#3f4d5c", "#333f4c"), (tw, th)), (tw, th)),
        tile(teen_at_home((360, 480)), (tw, th), 0.27),
    ]
    for i, t in enumerate(tiles):
        x, y = 6 + (i % 2) * (tw + 6), 36 + (i // 2) * (th + 6)
        out.blit(rounded(t, 10), (x, y))
        if i == 0:  # the one speaking
            pygame.draw.rect(out, pygame.Color("#3ecf8e"), (x - 1, y - 1, tw + 2, th + 2), 3, border_radius=11)
        if i == 2:  # camera frozen: a weak-signal mark instead of a face
            cx, cy = x + tw // 2, y + th // 2
            for b in range(4):
                bh = 8 + b * 7
                colour = "#f5b94a" if b < 2 else "#5b6272"
                pygame.draw.rect(out, pygame.Color(colour), (cx - 22 + b * 12, cy + 14 - bh, 8, bh), border_radius=2)
    return out


def video_message() -> pygame.Surface:
    """360 x 240: a forwarded video's first frame (a frightened teenager, dim and soft), a play button."""
    W, H = 360, 240
    pic = tile(teen_at_home((360, 480), "worried", lamp=False, x=0.36), (W, H), 0.2)
    pic.fill((150, 150, 165), special_flags=pygame.BLEND_RGB_MULT)
    small = pygame.transform.smoothscale(pic, (W // 3, H // 3))
    pic = pygame.transform.smoothscale(small, (W, H))
    shade = pygame.Surface((W, 44), pygame.SRCALPHA)
    shade.fill((0, 0, 0, 120))
    pic.blit(shade, (0, H - 44))
    c = (W * 3 // 4, H // 2 - 10)
    disc = pygame.Surface((76, 76), pygame.SRCALPHA)
    pygame.draw.circle(disc, (0, 0, 0, 110), (38, 38), 37)
    pic.blit(disc, (c[0] - 38, c[1] - 38))
    pygame.draw.circle(pic, (255, 255, 255), c, 36, 4)
    pygame.draw.polygon(pic, (255, 255, 255), [(c[0] - 10, c[1] - 16), (c[0] - 10, c[1] + 16), (c[0] + 17, c[1])])
    pygame.draw.rect(pic, (255, 255, 255, 90), (16, H - 20, W - 32, 4), border_radius=2)
    pygame.draw.rect(pic, (229, 72, 77), (16, H - 20, 70, 4), border_radius=2)
    pygame.draw.circle(pic, (255, 255, 255), (86, H - 18), 6)
    return pic


def pictures() -> dict[str, pygame.Surface]:
    """Every picture this script makes, by file name."""
    return {
        "online_kidnapping_officer.png": render(officer_at_desk(), (360, 480)),
        "demo_shipper_officer.png": render(officer_at_desk("tan", "calm", "#46515f", "#3a444f"), (360, 480)),
        "hijacked_friend_video.png": render(friend_selfie(), (360, 480)),
        "online_kidnapping_room.png": meeting_room(),
        "online_kidnapping_plea.png": video_message(),
    }


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else Path(__file__).resolve().parent.parent / "scenarios" / "images"

    out.mkdir(parents=True, exist_ok=True)
    for name, surf in pictures().items():
        pygame.image.save(surf, str(out / name))
        print(out / name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
