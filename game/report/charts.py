"""Chart geometry for the report's inline SVG (numbers only; the template draws them).

Keeping geometry here and markup in the template means every label goes through
Jinja2's autoescaping: nothing a student typed can become markup.
"""

from __future__ import annotations


def histogram(counts: list[int], width: int = 560, height: int = 220, pad: int = 28) -> dict:
    top = max(counts) if counts and max(counts) else 1
    n = len(counts)
    inner_w, inner_h = width - 2 * pad, height - 2 * pad - 14  # room below for the axis title
    bw = inner_w / n
    bars = []
    for i, c in enumerate(counts):
        h = inner_h * c / top
        bars.append({"x": pad + i * bw + 2, "y": pad + inner_h - h, "w": bw - 4, "h": h, "value": c,
                     "label": f"{i * 100 // n}", "cx": pad + i * bw + bw / 2})
    return {"width": width, "height": height, "pad": pad, "bars": bars, "base": pad + inner_h,
            "right": width - pad}


def share_bar(share: float | None, width: int = 240, height: int = 16) -> dict:
    s = max(0.0, min(1.0, share or 0.0))
    return {"width": width, "height": height, "w": round(width * s, 1)}


def pair_bars(values: list[tuple[str, float | None]], width: int = 360, height: int = 180,
              pad: int = 26) -> dict:
    """Vertical bars for percentages (pre vs post)."""
    inner_h = height - 2 * pad
    n = max(1, len(values))
    bw = (width - 2 * pad) / n
    bars = []
    for i, (label, v) in enumerate(values):
        h = inner_h * (v or 0) / 100
        bars.append({"x": pad + i * bw + bw * 0.2, "w": bw * 0.6, "y": pad + inner_h - h, "h": h,
                     "cx": pad + i * bw + bw / 2, "label": label, "value": v})
    return {"width": width, "height": height, "bars": bars, "base": pad + inner_h, "pad": pad,
            "right": width - pad}


def time_bars(values: list[float | None], width: int = 560, row: int = 18) -> dict:
    top = max((v for v in values if v is not None), default=0) or 1
    label_w = 40
    inner = width - label_w - 70
    rows = [{"y": i * row, "w": inner * (v or 0) / top, "value": v, "n": i + 1} for i, v in enumerate(values)]
    return {"width": width, "height": row * len(values) + 4, "rows": rows, "x0": label_w, "row": row}
