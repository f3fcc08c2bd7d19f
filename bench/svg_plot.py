"""A log-log line plot written as SVG text, with the standard library only
(the benchmark must not need a plotting package).

plot = LogLogPlot(title, x_label, y_label)
plot.add_series(name, colour, [(x, y), ...], timeouts=[(x, y_limit), ...])
plot.add_reference(label, [(x, y), (x, y)])   # a dashed grey guide line
svg_text = plot.render()

A timeout is drawn as an open marker with an upward arrow at y_limit: the
run did not finish, so its time is only known to be above the limit.
"""
import math
from xml.sax.saxutils import escape

WIDTH, HEIGHT = 760, 480
LEFT, RIGHT, TOP, BOTTOM = 80, 220, 50, 60


def _decades(lo, hi):
    """The powers of ten that cover [lo, hi]."""
    first, last = math.floor(math.log10(lo)), math.ceil(math.log10(hi))
    return [10.0 ** e for e in range(first, last + 1)]


def format_size(v):
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if v >= scale:
            return f"{v / scale:g} {unit}"
    return f"{v:g} B"


def format_seconds(v):
    if v >= 1:
        return f"{v:g} s"
    if v >= 1e-3:
        return f"{v * 1e3:g} ms"
    return f"{v * 1e6:g} µs"


class LogLogPlot:
    def __init__(self, title, x_label, y_label):
        self.title, self.x_label, self.y_label = title, x_label, y_label
        self.series = []
        self.references = []

    def add_series(self, name, colour, points, timeouts=(), timeout_label="did not finish"):
        self.series.append((name, colour, sorted(points), sorted(timeouts), timeout_label))

    def add_reference(self, label, points):
        self.references.append((label, sorted(points)))

    def _ranges(self):
        xs = [x for s in self.series for x, _ in s[2] + s[3]]
        ys = [y for s in self.series for _, y in s[2] + s[3]]
        # Room above a timeout for its arrow.
        ys += [2 * y for s in self.series for _, y in s[3]]
        x_ticks, y_ticks = _decades(min(xs), max(xs)), _decades(min(ys), max(ys))
        return x_ticks, y_ticks

    def render(self):
        x_ticks, y_ticks = self._ranges()
        lx0, lx1 = math.log10(x_ticks[0]), math.log10(x_ticks[-1])
        ly0, ly1 = math.log10(y_ticks[0]), math.log10(y_ticks[-1])
        plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

        def px(x):
            return LEFT + (math.log10(x) - lx0) / (lx1 - lx0) * plot_w

        def py(y):
            return TOP + plot_h - (math.log10(y) - ly0) / (ly1 - ly0) * plot_h

        out = [
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
            f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12">',
            f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
            f'<text x="{LEFT + plot_w / 2}" y="28" text-anchor="middle" font-size="15">'
            f"{escape(self.title)}</text>",
        ]
        for t in x_ticks:
            out.append(f'<line x1="{px(t):.1f}" y1="{TOP}" x2="{px(t):.1f}" y2="{TOP + plot_h}" '
                       'stroke="#ddd"/>')
            out.append(f'<text x="{px(t):.1f}" y="{TOP + plot_h + 18}" text-anchor="middle">'
                       f"{escape(format_size(t))}</text>")
        for t in y_ticks:
            out.append(f'<line x1="{LEFT}" y1="{py(t):.1f}" x2="{LEFT + plot_w}" y2="{py(t):.1f}" '
                       'stroke="#ddd"/>')
            out.append(f'<text x="{LEFT - 8}" y="{py(t) + 4:.1f}" text-anchor="end">'
                       f"{escape(format_seconds(t))}</text>")
        out.append(f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="none" '
                   'stroke="black"/>')
        out.append(f'<text x="{LEFT + plot_w / 2}" y="{HEIGHT - 15}" text-anchor="middle">'
                   f"{escape(self.x_label)}</text>")
        out.append(f'<text transform="translate(18,{TOP + plot_h / 2}) rotate(-90)" '
                   f'text-anchor="middle">{escape(self.y_label)}</text>')
        for label, points in self.references:
            path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in points)
            out.append(f'<polyline points="{path}" fill="none" stroke="#888" '
                       'stroke-dasharray="6,4"/>')
            x, y = points[-1]
            out.append(f'<text x="{px(x) - 6:.1f}" y="{py(y) + 16:.1f}" text-anchor="end" '
                       f'fill="#666" font-size="11">{escape(label)}</text>')
        for i, series in enumerate(self.series):
            out.extend(self._series(series, px, py, i))
        out.append("</svg>")
        return "\n".join(out) + "\n"

    def _series(self, series, px, py, index):
        name, colour, points, timeouts, timeout_label = series
        out = []
        if len(points) > 1:
            path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in points)
            out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" '
                       'stroke-width="2"/>')
        for x, y in points:
            out.append(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="4" fill="{colour}"/>')
        for x, y in timeouts:
            cx, cy = px(x), py(y)
            out.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="5" fill="white" '
                       f'stroke="{colour}" stroke-width="2"/>')
            out.append(f'<path d="M{cx:.1f},{cy - 7:.1f} l0,-16 m-5,6 l5,-6 l5,6" fill="none" '
                       f'stroke="{colour}" stroke-width="2"/>')
        legend_y = TOP + 20 + 40 * index
        legend_x = WIDTH - RIGHT + 15
        out.append(f'<line x1="{legend_x}" y1="{legend_y}" x2="{legend_x + 24}" y2="{legend_y}" '
                   f'stroke="{colour}" stroke-width="2"/>')
        out.append(f'<text x="{legend_x + 30}" y="{legend_y + 4}">{escape(name)}</text>')
        if timeouts:
            out.append(f'<text x="{legend_x + 30}" y="{legend_y + 20}" font-size="10">'
                       f"○↑ {escape(timeout_label)}</text>")
        return out
