"""Charts as inline SVG: no script, no network, nothing to install to open them.

Each function takes plain values and returns an `<svg>` element with `role="img"`, a `<title>`
for screen readers, and `data-chart` / `class` attributes a browser test can count.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal

from ledger.dates import show_date
from ledger.i18n import _, language
from ledger.money import format_eur

PALETTE = ["#154273", "#e17000", "#39870c", "#a90061", "#007bc7", "#673327", "#8fcae7", "#ffb612"]
STATUS_COLOURS = {
    "afgerond": "#39870c", "gereed": "#39870c", "in werking": "#39870c",
    "gedeeltelijk afgerond": "#8fcae7", "loopt": "#007bc7", "in uitvoering": "#007bc7",
    "niet gestart": "#b4b4b4", "nog te ontwikkelen": "#b4b4b4", "te doen": "#ffb612",
    "vervallen": "#673327", "voorgenomen": "#ffb612", "nog te doen": "#ffb612",
    "overig": "#b4b4b4",
}
W, H = 720, 320
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 30, 60


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10.0 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def _left(max_value: float, fmt: Callable[[float], str]) -> int:
    """The room left of the plot for the axis labels: the widest label (the top one, usually)
    must fit whole, not be cut off at the chart's edge."""
    widest = max(len(fmt(max_value * i / 4)) for i in range(5))
    return max(LEFT, int(widest * 7) + 12)


def _axis(max_value: float, fmt: Callable[[float], str], left: int = LEFT) -> list[str]:
    parts = []
    for i in range(5):
        v = max_value * i / 4
        y = TOP + (H - TOP - BOTTOM) * (1 - i / 4)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{W - RIGHT}" y2="{y:.1f}" '
                     f'stroke="#dde3ea" stroke-width="1"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" '
                     f'fill="#5b6b7c">{_e(fmt(v))}</text>')
    return parts


def empty_chart(chart: str, title: str, height: int = 120) -> str:
    """A chart without data says so ("geen gegevens"), instead of an axis of zeros."""
    text = _("no data")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {height}" width="100%" '
            f'role="img" data-chart="{_e(chart)}" class="chart empty"><title>{_e(title)}</title>'
            f'<rect x="1" y="1" width="{W - 2}" height="{height - 2}" fill="#f4f7fa" '
            f'stroke="#dde3ea"/><text x="{W / 2:.0f}" y="{height / 2 + 5:.0f}" '
            f'text-anchor="middle" font-size="14" fill="#5b6b7c">{_e(text)}</text></svg>')


def _legend(names: Sequence[str], colours: Sequence[str], left: int = LEFT) -> list[str]:
    parts, x = [], left
    for name, colour in zip(names, colours, strict=True):
        parts.append(f'<rect x="{x}" y="8" width="12" height="12" fill="{colour}"/>'
                     f'<text x="{x + 16}" y="18" font-size="12">{_e(name)}</text>')
        x += 24 + 7 * len(name)
    return parts


def euro_axis(v: float) -> str:
    """An amount on an axis, the way the language writes it: "€ 500.000", "€ 1 mln",
    "€ 1,5 mln" in Dutch; "€500,000", "€1m", "€1.5m" in English."""
    if abs(v) >= 1_000_000:
        millions = Decimal(str(round(v / 1_000_000, 2))).normalize()
        number = f"{millions:f}"
        if language() == "nl":
            return f"€ {number.replace('.', ',')} mln"
        return f"€{number}m"
    return format_eur(Decimal(round(v)))


euro_k = euro_axis  # the name charts were called with before


def bar_chart(chart: str, title: str, categories: Sequence[str],
              series: Sequence[tuple[str, Sequence[Decimal | float]]],
              fmt: Callable[[float], str] = euro_axis) -> str:
    """Grouped vertical bars: one group per category, one bar per series (none with a value:
    an empty chart that says so)."""
    values = [float(v) for _n, vs in series for v in vs]
    if not categories or not any(values):
        return empty_chart(chart, title)
    top = _nice_max(max(values))
    left = _left(top, fmt)
    plot_w, plot_h = W - left - RIGHT, H - TOP - BOTTOM
    group_w = plot_w / max(len(categories), 1)
    bar_w = group_w * 0.8 / max(len(series), 1)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="100%" '
             f'role="img" data-chart="{_e(chart)}" class="chart"><title>{_e(title)}</title>']
    parts += _axis(top, fmt, left)
    colours = [PALETTE[i % len(PALETTE)] for i in range(len(series))]
    for ci, cat in enumerate(categories):
        gx = left + ci * group_w + group_w * 0.1
        for si, (name, row) in enumerate(series):
            v = float(row[ci])
            h = plot_h * v / top
            x, y = gx + si * bar_w, TOP + plot_h - h
            parts.append(f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{bar_w - 2:.1f}" '
                         f'height="{h:.1f}" fill="{colours[si]}"><title>{_e(cat)} — {_e(name)}: '
                         f'{_e(fmt(v))}</title></rect>')
        parts.append(f'<text x="{gx + group_w * 0.4:.1f}" y="{H - BOTTOM + 16}" font-size="12" '
                     f'text-anchor="middle">{_e(cat)}</text>')
    parts += _legend([n for n, _s in series], colours, left)
    parts.append("</svg>")
    return "".join(parts)


def line_chart(chart: str, title: str,
               series: Sequence[tuple[str, Sequence[tuple[date, Decimal | float]]]],
               fmt: Callable[[float], str] = euro_axis) -> str:
    """Lines over time (e.g. cumulative spending per werkstroom); none: an empty chart."""
    dates = sorted({d for _n, pts in series for d, _v in pts})
    values = [float(v) for _n, pts in series for _d, v in pts]
    if not dates or not any(values):
        return empty_chart(chart, title)
    top = _nice_max(max(values))
    left = _left(top, fmt)
    plot_w, plot_h = W - left - RIGHT, H - TOP - BOTTOM
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="100%" '
             f'role="img" data-chart="{_e(chart)}" class="chart"><title>{_e(title)}</title>']
    parts += _axis(top, fmt, left)
    if dates:
        d0, d1 = dates[0].toordinal(), max(dates[-1].toordinal(), dates[0].toordinal() + 1)

        def xy(d: date, v: float) -> tuple[float, float]:
            return (left + plot_w * (d.toordinal() - d0) / (d1 - d0), TOP + plot_h * (1 - v / top))

        colours = [PALETTE[i % len(PALETTE)] for i in range(len(series))]
        for si, (name, pts) in enumerate(series):
            coords = [xy(d, float(v)) for d, v in sorted(pts)]
            if not coords:
                continue
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
            parts.append(f'<polyline class="line" points="{path}" fill="none" '
                         f'stroke="{colours[si]}" stroke-width="2.5"><title>{_e(name)}</title>'
                         "</polyline>")
            for (x, y), (d, v) in zip(coords, sorted(pts), strict=True):
                parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colours[si]}">'
                             f'<title>{_e(name)} {_e(show_date(d, "short"))}: '
                             f'{_e(fmt(float(v)))}</title>'
                             "</circle>")
        for d, anchor in ((dates[0], "start"), (dates[-1], "end")):
            x, _y = xy(d, 0)
            parts.append(f'<text x="{x:.1f}" y="{H - BOTTOM + 16}" font-size="11" '
                         f'text-anchor="{anchor}">{_e(show_date(d, "short"))}</text>')
        parts += _legend([n for n, _s in series], colours, left)
    parts.append("</svg>")
    return "".join(parts)


def status_bars(chart: str, title: str, groups: Sequence[tuple[str, dict[str, int]]],
                label: Callable[[str], str] = str) -> str:
    """Horizontal stacked bars: per group, how many items have each status (a code, coloured by
    `STATUS_COLOURS` and shown as `label(code)`)."""
    if not any(sum(counts.values()) for _n, counts in groups):
        return empty_chart(chart, title)
    row_h, label_w = 28, 190
    height = TOP + row_h * max(len(groups), 1) + 40
    statuses: list[str] = []
    for _name, counts in groups:
        statuses += [s for s in counts if s not in statuses]
    colours = {s: STATUS_COLOURS.get(s.lower(), PALETTE[i % len(PALETTE)])
               for i, s in enumerate(statuses)}
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {height}" width="100%" '
             f'role="img" data-chart="{_e(chart)}" class="chart"><title>{_e(title)}</title>']
    plot_w = W - label_w - RIGHT
    for gi, (name, counts) in enumerate(groups):
        total = sum(counts.values()) or 1
        y, x = TOP + gi * row_h, float(label_w)
        shown = name if len(name) <= 26 else name[:25].rstrip() + "…"  # fits left of the bars
        parts.append(f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end" font-size="12">'
                     f'<title>{_e(name)}</title>{_e(shown)}</text>')
        for s in statuses:
            n = counts.get(s, 0)
            if not n:
                continue
            w = plot_w * n / total
            parts.append(f'<rect class="bar" x="{x:.1f}" y="{y + 4}" width="{w:.1f}" height="'
                         f'{row_h - 8}" fill="{colours[s]}"><title>{_e(name)} — '
                         f'{_e(label(s))}: {n}</title></rect>')
            if w > 18:
                parts.append(f'<text x="{x + w / 2:.1f}" y="{y + 18}" text-anchor="middle" '
                             f'font-size="11" fill="#fff">{n}</text>')
            x += w
    lx, ly = LEFT, height - 14
    for s in statuses:
        parts.append(f'<rect x="{lx}" y="{ly - 10}" width="12" height="12" fill="{colours[s]}"/>'
                     f'<text x="{lx + 16}" y="{ly}" font-size="12">{_e(label(s))}</text>')
        lx += 28 + 7 * len(label(s))
    parts.append("</svg>")
    return "".join(parts)
