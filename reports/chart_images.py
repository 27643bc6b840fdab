"""The briefing PDF's chart images: plotly figures drawn as PNG by kaleido through the machine's
Chromium, all in one browser session. No Streamlit; ``reports.briefing_pdf`` lays the images out."""
from __future__ import annotations

import asyncio
import threading

import kaleido

from charts import maps
from reports.briefing_data import Chart

IMAGE_SCALE = 2  # device pixels per CSS pixel in the PNG (sharp on a projector and in print)


class ChartsUnavailable(RuntimeError):
    """Static chart images cannot be drawn here (no browser, or it failed)."""


def render_images(jobs: list[tuple[Chart, int, int]], *, timeout_s: float = 180) -> list[bytes]:
    """PNG of each (chart, width px, height px), drawn by kaleido in ONE Chromium session (starting
    the browser costs ~4 s, each figure then ~0.3 s). Maps get the offline topojson. Runs its own
    event loop in a worker thread, so it works from any caller (a Streamlit download callable,
    a test, a script). Raises ``ChartsUnavailable`` when the browser cannot be started or fails."""
    if not jobs:
        return []

    async def draw() -> list[bytes]:
        async with kaleido.Kaleido(n=1, timeout=60, mathjax=False) as k:
            out = []
            for chart, width, height in jobs:
                opts = {"format": "png", "width": width, "height": height, "scale": IMAGE_SCALE}
                out.append(await k.calc_fig(chart.figure, opts=opts,
                                            topojson=maps.OFFLINE_TOPOJSON_URL if chart.offline_geo else None))
            return out

    result: dict[str, object] = {}

    def work():
        try:
            result["images"] = asyncio.run(asyncio.wait_for(draw(), timeout_s))
        except BaseException as exc:
            result["error"] = exc

    thread = threading.Thread(target=work, name="briefing-charts", daemon=True)
    thread.start()
    thread.join(timeout_s + 15)
    if "images" in result:
        return result["images"]
    raise ChartsUnavailable(str(result.get("error", "timed out drawing the charts")))
