"""Showing an outside value (from the URL, an uploaded file's name or a stored cell) inside text
that Streamlit renders as markdown: alerts, captions, ``st.markdown``, expander and tab labels,
progress text (issue 17, finding 5).

``escape`` backslash-escapes every character that could start markup in Streamlit 1.67's
markdown (CommonMark + GFM + Streamlit's directives), so the value reads exactly as written:
- links and images ``[..](..)``, ``![..](..)`` and Streamlit's ``:red[..]`` directives: ``[ ] !``;
- raw HTML and ``<https://..>`` autolinks: ``< >``; entities: ``&``;
- GFM's bare autolinks ``https://..``, ``www.x`` and e-mail addresses: Streamlit finds these in
  the text AFTER parsing (remark-gfm's autolink-literal transform), where escapes are already
  gone, so an invisible WORD JOINER (U+2060) is put after ``:`` before ``//``, after ``www`` and
  after ``@``, which their patterns do not cross (checked in Chromium:
  tests/e2e/test_link_markdown.py); ``:`` and ``@`` are escaped too;
- emphasis, code, strikethrough, math, tables: ``* ` ~ $ |``, ``_`` unless between two letters or
  digits (where it starts nothing), and ``{ }`` and the backslash;
- block starts (heading, list, quote, setext line) where the value begins a line: the first
  character, or the ``.``/``)`` after leading digits; line breaks become spaces, so a value can
  never open a new block.
Parentheses, dots, dashes and ``#`` inside a line start nothing, so ordinary names
("Rias (Toboali)", "kegiatan.csv") are left as they are.
"""
from __future__ import annotations

import re

_INLINE = re.compile(r"([\\`*\[\]<>!~$:@&|{}])")
# "_" opens no emphasis between two letters or digits ("formulir_c_salah.csv" stays as written)
_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
_WWW = re.compile(r"(?i)\b(www)\.")
JOINER = "\u2060"  # WORD JOINER: invisible, not a word character, breaks no line
_BLOCK = re.compile(r"^(\d+)([.)])|^([#>+\-=])")


def escape(value) -> str:
    """``value`` as text that renders as itself inside Streamlit markdown (see the module)."""
    text = " ".join(str(value).split())
    text = _UNDERSCORE.sub(r"\\_", _INLINE.sub(r"\\\1", text))
    text = _WWW.sub(lambda m: f"{m[1]}{JOINER}\\.", text)
    text = text.replace("\\://", "\\:" + JOINER + "//").replace("\\@", "\\@" + JOINER)
    return _BLOCK.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)
