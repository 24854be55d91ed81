"""The partial repaint's shortcuts paint exactly what a full paint does: a rectangle under an
opaque box is painted from that box on, fills are split on aligned columns, and rounded boxes are
fills plus cached corners."""

from __future__ import annotations

import pygame

from game.ui import fastfill
from game.ui import items as I
from game.ui.app import _covers, _unhidden
from game.ui.scene import Scene


def test_an_opaque_box_hides_what_lies_under_it_only_where_it_paints():
    box = I.box((100, 100, 200, 120), (250, 250, 250), radius=20)
    assert _covers(box, pygame.Rect(150, 100, 50, 120))  # between the corners, full height
    assert _covers(box, pygame.Rect(100, 130, 200, 50))  # between the corners, full width
    assert not _covers(box, pygame.Rect(100, 100, 10, 10))  # a rounded corner shows what is under it
    assert not _covers(box, pygame.Rect(90, 130, 20, 20))  # reaches past the box
    assert not _covers(I.box((100, 100, 200, 120), (250, 250, 250, 128)), pygame.Rect(150, 150, 10, 10))
    clipped = I.box((100, 100, 200, 120), (250, 250, 250), clip=pygame.Rect(100, 100, 50, 50))
    assert not _covers(clipped, pygame.Rect(150, 150, 10, 10))  # its clip keeps it from painting there
    assert _covers(clipped, pygame.Rect(110, 110, 10, 10))
    off = I.button((100, 100, 200, 120), "x", "go", (250, 250, 250), (0, 0, 0), enabled=False)
    assert not _covers(off, pygame.Rect(150, 150, 10, 10))  # painted in the disabled colour


def test_a_repaint_starts_at_the_last_box_that_hides_the_rest():
    under = I.box((0, 0, 400, 400), (10, 10, 10))
    top = I.box((50, 50, 100, 100), (200, 0, 0))
    label = I.text((60, 60, 50, 20), "hi", (0, 0, 0))
    overlay = [I.box((0, 0, 400, 400), (0, 0, 0, 100))]
    r = pygame.Rect(60, 60, 10, 10)
    assert _unhidden(r, [[under, top, label], overlay]) == [[top, label], overlay]
    assert _unhidden(pygame.Rect(0, 0, 10, 10), [[top, label]]) is None  # nothing hides it: fill first


class _Boxes(Scene):
    def __init__(self, app, boxes):
        super().__init__(app)
        self.boxes = boxes

    def build(self):
        return list(self.boxes)


def test_partial_repaints_of_stacked_rounded_boxes_match_a_full_paint(make_driver):
    """Repaint, one at a time, rectangles at the corners, edges and middle of a rounded box that
    lies on another (and on an odd column, where fills are split)."""
    d = make_driver(timers=False)
    app = d.app
    under = I.box((101, 53, 331, 287), (40, 90, 160), radius=30)
    top = I.box((133, 71, 263, 241), (240, 240, 235), radius=24)
    scene = _Boxes(app, [under, top])
    app.push(scene)
    app.draw()
    for i, r in enumerate([(133, 71, 9, 9), (380, 300, 16, 12), (130, 150, 40, 20), (200, 60, 50, 30), (99, 51, 335, 291)]):
        # change the top box's colour so that everything under r must be painted again
        colour = (240 - 20 * i, 240, 235)
        scene.boxes = [under, I.box(top.rect, colour, radius=24), I.box(r, (1, 2, 3, 0))]
        app.render()
        partial = pygame.image.tobytes(app.surface, "RGB")
        app.draw()
        assert pygame.image.tobytes(app.surface, "RGB") == partial, r


def test_split_fills_and_rounded_boxes_paint_the_same_pixels_as_pygame():
    s1, s2 = pygame.Surface((640, 200)), pygame.Surface((640, 200))
    for x in range(0, 40):
        rect = pygame.Rect(3 + 13 * x, 7, 1 + 7 * x, 50 + x)
        s1.fill((9, 9, 9))
        s2.fill((9, 9, 9))
        s1.fill((200, 100, 50), rect)
        fastfill.fill(s2, (200, 100, 50), rect)
        assert pygame.image.tobytes(s1, "RGB") == pygame.image.tobytes(s2, "RGB"), rect
    discs = {}

    def corners(r):
        if r not in discs:
            d = pygame.Surface((2 * r, 2 * r))
            d.fill((0, 0, 0))
            pygame.draw.rect(d, (1, 200, 3), d.get_rect(), border_radius=r)
            d.set_colorkey((0, 0, 0))
            discs[r] = d
        return discs[r]

    s2.fill((9, 9, 9))
    fastfill.rounded(s2, (1, 200, 3), (101, 21, 300, 150), 24, corners)
    # the body is filled, each corner is curved: its very corner pixel keeps the background
    assert s2.get_at((250, 95))[:3] == (1, 200, 3)
    assert s2.get_at((101, 95))[:3] == (1, 200, 3) and s2.get_at((250, 21))[:3] == (1, 200, 3)
    for x, y in ((101, 21), (400, 21), (101, 170), (400, 170)):
        assert s2.get_at((x, y))[:3] == (9, 9, 9), (x, y)


def test_a_new_picture_that_takes_a_freed_ones_id_is_never_shown_as_the_old_one(make_driver):
    """The painter's scaled copies are keyed by the picture's id(); a QR code or thumbnail made
    after an older one was freed may get the same id, and must still be scaled from itself."""
    d = make_driver(timers=False)
    painter = d.app.painter
    seen = set()
    for i in range(200):
        pic = pygame.Surface((8, 8))
        pic.fill((i, 255 - i, 7))
        out = painter.scaled(pic, (16, 16))
        assert out.get_at((8, 8))[:3] == (i, 255 - i, 7), i
        seen.add(id(pic))
        del pic, out
    assert len(seen) < 200  # ids were reused, so the check above meant something


def test_a_picture_replaced_by_a_new_one_is_painted_again(make_driver):
    """A new picture at the same place as the last one painted is painted, even when it was made
    after the old one left every item (a scene may build twice between frames) and Python gave
    it the old one's id(): the loop holds the pictures it painted until the next comparison."""
    d = make_driver(timers=False)
    app = d.app
    rect = pygame.Rect(200, 200, 40, 40)
    old = pygame.Surface((40, 40))
    old.fill((200, 0, 0))
    scene = _Boxes(app, [I.Item("image", rect.copy(), surface=old)])
    app.push(scene)
    app.draw()
    old_id = id(old)
    del old
    scene.boxes = []
    scene.refresh()  # the old picture is now in no item
    kept = []
    for _ in range(2000):  # what Python hands out next: the old id, if the old picture was freed
        new = pygame.Surface((40, 40))
        kept.append(new)
        if id(new) == old_id:
            break
    new.fill((0, 0, 200))
    scene.boxes = [I.Item("image", rect.copy(), surface=new)]
    app.render()
    assert app.surface.get_at(rect.center)[:3] == (0, 0, 200)


def test_a_fill_that_starts_above_the_surface_stays_inside_the_clip():
    """A bubble scrolled out of sight above a clipped view paints nothing (pygame-ce 2.5.0's own
    fill put it at the top of the view; CI's lowest-versions stage runs this)."""
    s = pygame.Surface((200, 200))
    s.fill((9, 9, 9))
    s.set_clip(pygame.Rect(20, 50, 100, 100))
    fastfill.fill(s, (200, 100, 50), pygame.Rect(30, -144, 90, 190))  # ends at y = 46, above the clip
    assert all(s.get_at((x, y))[:3] == (9, 9, 9) for x in range(0, 200, 5) for y in range(0, 200, 5))
    fastfill.fill(s, (200, 100, 50), pygame.Rect(30, -144, 90, 250))  # ends at y = 106: rows 50-105 only
    assert s.get_at((60, 60))[:3] == (200, 100, 50) and s.get_at((60, 110))[:3] == (9, 9, 9)


def test_a_gradient_is_kept_as_a_narrow_strip_and_paints_the_whole_blends_pixels():
    """The wallpaper's blend is cached GRADIENT_STRIP px wide and blitted across: the same pixels as
    the whole-width blend it replaced, with or without a clip, at a tenth of the memory."""
    from game.ui import painter as painter_module
    from game.ui.theme import Theme

    pygame.display.init()

    def whole(size, top, bottom):  # the blend as it was cached before, at its full width
        tiny = pygame.Surface((2, 2))
        tiny.fill(top, (0, 0, 2, 1))
        tiny.fill(bottom, (0, 1, 2, 1))
        big = pygame.transform.smoothscale(tiny, (max(1, size[0]), max(2, size[1] * 2)))
        return big.subsurface((0, size[1] // 2, size[0], size[1])).copy()

    p = painter_module.Painter(None, Theme())
    for size, top, bottom in (((318, 621), (38, 50, 77), (91, 74, 122)), ((31, 40), (70, 74, 84), (34, 37, 44)),
                              ((97, 333), (0, 0, 0), (255, 255, 255)), ((1, 5), (9, 200, 3), (250, 1, 77))):
        for clip in (None, pygame.Rect(20, 30, 40, 100)):
            want = pygame.Surface((400, 700))
            want.fill((1, 2, 3))
            got = want.copy()
            rect = pygame.Rect((13, 17), size)
            want.set_clip(clip)
            want.blit(whole(size, top, bottom), rect)
            got.set_clip(clip)
            p.paint(got, [I.Item("gradient", rect, top, extra={"to": bottom})], within=clip)
            assert pygame.image.tobytes(got, "RGB") == pygame.image.tobytes(want, "RGB"), (size, clip)
    p._scaled.clear()
    p.paint(pygame.Surface((400, 700)), [I.Item("gradient", pygame.Rect(0, 0, 318, 621), (38, 50, 77),
                                                extra={"to": (91, 74, 122)})])
    assert p._scaled.bytes <= painter_module.GRADIENT_STRIP * 621 * 4


def test_a_tall_translucent_box_is_kept_as_its_corners_and_a_band_and_paints_the_whole_boxs_pixels():
    """A translucent box taller than its corners and painter.TRANSLUCENT_BAND rows is cached that
    tall and its middle blitted band by band: the pixels of the whole box drawn at once, with or
    without a clip, and one small surface for every height of the box."""
    import random

    from game.ui import painter as painter_module
    from game.ui.theme import Theme

    pygame.display.init()
    p = painter_module.Painter(None, Theme())
    rng = random.Random(5)
    for _ in range(60):
        w, h, r = rng.randint(1, 330), rng.randint(1, 400), rng.choice((0, 1, 6, 10, 14, 30, 60, rng.randint(0, 200)))
        colour = (rng.randint(0, 255), rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254))
        rect = pygame.Rect(rng.randint(-20, 100), rng.randint(-20, 200), w, h)
        for clip in (None, pygame.Rect(rng.randint(0, 200), rng.randint(0, 300), 80, 60)):
            want = pygame.Surface((400, 640))
            want.fill((40, 90, 160))
            pygame.draw.line(want, (250, 250, 0), (0, 0), (400, 640), 9)
            got = want.copy()
            whole = pygame.Surface((w, h), pygame.SRCALPHA)
            pygame.draw.rect(whole, colour, whole.get_rect(), border_radius=r)
            want.set_clip(clip)
            want.blit(whole, rect)
            got.set_clip(clip)
            p.paint(got, [I.box(rect, colour, radius=r)], within=clip)
            assert pygame.image.tobytes(got, "RGB") == pygame.image.tobytes(want, "RGB"), (rect, r, colour, clip)
    p._scaled.clear()
    for h in (120, 200, 300):
        p.paint(pygame.Surface((400, 640)), [I.box((0, 0, 290, h), (0, 0, 0, 175), radius=10)])
    assert len(p._scaled) == 1 and p._scaled.bytes == 290 * (20 + painter_module.TRANSLUCENT_BAND) * 4


def test_a_hundred_changed_items_are_painted_as_the_one_region_they_span():
    """A new phone screen changes ~100 items: joined pair by pair they cost ~1 ms before any paint."""
    import pygame

    from game.ui.app import MANY_RECTS, _merge

    many = [pygame.Rect(480 + (i % 4) * 80, 30 + (i // 4) * 20, 60, 14) for i in range(MANY_RECTS + 1)]
    assert _merge(many) == [many[0].unionall(many[1:])]
    few = many[:3]
    assert _merge(few) == few  # fewer are still joined the careful way: these lie too far apart
