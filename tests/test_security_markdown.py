"""Issue 17, finding 5: markdown from a shared link, a file name or a cell.

Streamlit renders alerts, captions, markdown and expander labels as markdown. A value that comes
from the URL, an uploaded file's name or a stored cell must be shown as the text it is: a link
such as ``?kec=[Sesi berakhir, masuk lagi](https://evil.example)`` must not become a clickable
phishing link, and ``?desa=![](https://evil.example/t.png)`` must not load a tracking image."""
import re

import pytest

from tests.apptest_utils import run_app, sqlite_url, texts
from tests.builders import TOBOALI, Builder
from tests.fixtures_import import KEGIATAN, KEGIATAN_HEADER, csv_bytes, elections
from texts.markdown import escape

LINK = "[Sesi berakhir, masuk lagi](https://evil.example)"
IMAGE = "![](https://evil.example/t.png)"
FILE_LINK = "[x](https://evil.example)"

# Markdown a value could smuggle in: a link or image "](", an autolink "<http" or "https://",
# raw HTML "<", a Streamlit colour directive ":red[", and an HTML entity: none may appear unescaped.
UNESCAPED = re.compile(r"(?<!\\)\]\(|(?<!\\)<|(?<!\\):/|(?<!\\)\[|(?<!\\)!")


def rendered_markdown(at) -> list[str]:
    """Every markdown string the page sends: alerts, captions, markdown, titles, expander labels."""
    return texts(at) + [e.label for e in at.expander] + [t.label for t in at.tabs]


def smuggled(at, payload_words: str) -> list[str]:
    """The markdown strings that carry the payload, and whether any holds live markup."""
    carrying = [t for t in rendered_markdown(at) if payload_words in t.replace("\\", "").replace("\u2060", "")]
    assert carrying, "the value is not shown at all"
    return [t for t in carrying if UNESCAPED.search(t)]


@pytest.fixture
def small(db):
    b = Builder(db)
    p = b.paslon(b.election("bupati"), 1, "Pasangan Satu")
    b.activity(p, "2024-10-01", TOBOALI)
    return db


def test_link_in_the_kecamatan_of_a_shared_url_shows_no_link(monkeypatch, small):
    at = run_app(monkeypatch, sqlite_url(small), query={"kec": LINK})
    assert not at.exception, [e.value for e in at.exception]
    assert any("Sesi berakhir, masuk lagi" in w.value for w in at.warning)
    assert smuggled(at, "https://evil.example") == []


def test_image_in_the_desa_of_a_shared_url_loads_no_image(monkeypatch, small):
    at = run_app(monkeypatch, sqlite_url(small), query={"desa": IMAGE})
    assert not at.exception, [e.value for e in at.exception]
    assert smuggled(at, "https://evil.example/t.png") == []


def test_file_name_with_a_link_shows_no_link_on_impor_data(monkeypatch, db):
    elections(db)
    broken = (f"{FILE_LINK}.xlsx", b"bukan excel", "application/octet-stream")
    # (a name with '/' is no dataset's CSV name, so the accepted file's link has no slashes)
    good = ("kegiatan_[x](evil.example).csv", csv_bytes([KEGIATAN_HEADER, KEGIATAN[0]]), "text/csv")
    at = run_app(monkeypatch, sqlite_url(db), page="pages/impor.py", role="operator")
    at.file_uploader(key="impor_files").set_value([broken, good]).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.error and at.success  # the broken file is refused, the good one passes: both named
    assert smuggled(at, "(https://evil.example)") == []
    assert smuggled(at, "[x](evil.example).csv") == []


@pytest.mark.parametrize("value", [LINK, IMAGE, "<img src=x onerror=alert(1)>", "https://evil.example/masuk",
                                   "www.evil.example", ":red[Sesi berakhir]", "# Judul", "1. daftar",
                                   "- butir", "> kutipan", "formulir_c_salah.csv", "_miring_ a_ _b __c__",
                                   "**tebal** _miring_ `kode` ~~coret~~ $x$ &amp; |a|",
                                   "baris\n\n# baru", "\\[x\\](https://evil.example)", "nama@evil.example"])
def test_escape_leaves_no_markup(value):
    out = escape(value)
    # every markdown-significant character is backslash-escaped, so the text reads as written
    assert re.sub(r"\\(.)", r"\1", out).replace("\u2060", "") == " ".join(value.split())
    assert not UNESCAPED.search(out)
    assert not re.search(r"(?<!\\)[`*~$&|]", out)
    assert not re.search(r"(?<!\\)(?<![^\W_])_|(?<!\\)_(?![^\W_])", out)  # intraword "_" opens nothing
    assert not re.match(r"\s*([#>+\-=]|\d+[.)])", out)
    assert "\n" not in out
    assert not re.search(r"(?i)www\.|(?<!\\)@", out)  # GFM autolinks: www.x and e-mail addresses
    # Streamlit links bare URLs after parsing (escapes gone): a word joiner must break the patterns
    plain = re.sub(r"\\(.)", r"\1", out)
    assert not re.search(r"(?i)https?://|www\.|@[\w-]", plain)
