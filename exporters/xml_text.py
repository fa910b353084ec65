"""Text as libxml2 (lxml) writes it inside an element in UTF-8.

The Word and workbook writers write their XML as text, byte for byte what python-docx
and openpyxl wrote through lxml; both escape element text this way.
"""

from __future__ import annotations


def element_text(value: str) -> str:
    """``value`` as lxml writes element text in UTF-8: ``& < >`` and carriage returns."""
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    if "\r" in value:
        value = value.replace("\r", "&#13;")
    return value
