"""Issue 17, finding 10: openpyxl parses uploaded XLSX with defusedxml (no entity expansion, no
external entities) only when that package is installed; it must be pinned by Pantau itself, not
arrive by chance with another package."""
import re
from importlib import metadata
from pathlib import Path

import openpyxl.xml

REQUIREMENTS = Path(__file__).resolve().parent.parent / "requirements.txt"


def test_defusedxml_is_pinned_and_openpyxl_runs_with_it():
    pins = dict(re.findall(r"^\s*([A-Za-z0-9_.\-\[\]]+)==([^\s#]+)", REQUIREMENTS.read_text(), re.M))
    assert "defusedxml" in pins, "defusedxml is not pinned in requirements.txt"
    assert pins["defusedxml"] == metadata.version("defusedxml")
    assert openpyxl.xml.DEFUSEDXML is True
