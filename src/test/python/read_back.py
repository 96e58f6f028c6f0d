#!/usr/bin/python3
"""Reads one clip back in every download format with the readers people actually use, and prints what each saw.

    /usr/bin/python3 read_back.py BASE_URL SLUG

Prints one JSON document: for each reader, "columns" (names as read) and "rows" (cells as read). Cells are
JSON values as the reader typed them: null, numbers, true/false, strings, {"date": "...T...sss"} for a
spreadsheet date (rounded to the millisecond), {"timestamp": "...T...ssssss[+00:00]"} for a JSON timestamp as
datetime.fromisoformat reads it (in UTC when it has an offset). A number in a json_module cell is
{"$number": "<exact text>"}, so no digit is lost on the way to the Java test that compares all of this with
PostgreSQL (ExternalReadersTest).
Needs Debian's python3-pandas, python3-openpyxl and libxml2-utils (xmllint); nothing from PyPI.
"""
import csv
import datetime
import io
import json
import math
import os
import subprocess
import sys
import tempfile
import urllib.request
import warnings
import xml.etree.ElementTree as ElementTree

import openpyxl
import pandas


def fetch(url):
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read()


def read_csv_module(url):
    text = fetch(url).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    return {"columns": rows[0], "rows": rows[1:]}


def pandas_cell(value):
    """pandas' own view: NaN is its missing value, so it is null; infinities become Java-readable text."""
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return value if math.isfinite(value) else ("Infinity" if value > 0 else "-Infinity")
    if hasattr(value, "item"):  # numpy scalars (int64, bool_) to plain Python
        return pandas_cell(value.item())
    return value


def read_pandas(url):
    """pandas.read_csv(url) as a notebook calls it, with its type guessing."""
    frame = pandas.read_csv(url)
    rows = [[pandas_cell(v) for v in row] for row in frame.itertuples(index=False, name=None)]
    return {"columns": list(frame.columns), "dtypes": [str(t) for t in frame.dtypes], "rows": rows}


def read_pandas_text(url):
    """pandas.read_csv(url) asked for the text as it is: every cell a string, no missing-value guessing."""
    frame = pandas.read_csv(url, dtype=str, keep_default_na=False)
    return {"columns": list(frame.columns), "rows": frame.values.tolist()}


class Number:
    """A JSON number exactly as written; float() would lose the digits of a 30-digit numeric."""

    def __init__(self, text):
        self.text = text


def tagged(value, pg_type):
    """A cell's own number keeps its text; numbers inside json and arrays become Python's int or float."""
    if isinstance(value, Number):
        return {"$number": value.text}
    if pg_type in ("timestamp", "timestamptz") and isinstance(value, str):
        return {"timestamp": timestamp(value)}
    return plain(value)


def timestamp(text):
    """As a consumer reads an ISO 8601 timestamp; one with an offset is shown in UTC."""
    try:
        value = datetime.datetime.fromisoformat(text)
    except ValueError:
        return text  # infinity or BC: PostgreSQL's text, on purpose
    if value.tzinfo is not None:
        value = value.astimezone(datetime.timezone.utc)
    return value.isoformat(timespec="microseconds")


def plain(value):
    if isinstance(value, Number):
        return float(value.text) if any(c in value.text for c in ".eE") else int(value.text)
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def read_json_module(url):
    document = json.loads(fetch(url).decode("utf-8"), parse_int=Number, parse_float=Number)
    rows = [[tagged(v, t) for v, t in zip(row, document["types"])] for row in document["values"]]
    return {"keys": list(document.keys()), "columns": document["fields"], "rows": rows,
            "types": document.get("types"), "row_count": tagged(document.get("row_count"), "int8"),
            "truncated": document.get("truncated")}


def read_xml(url):
    body = fetch(url)
    with tempfile.NamedTemporaryFile(suffix=".xml") as file:
        file.write(body)
        file.flush()
        lint = subprocess.run(["xmllint", "--noout", file.name], capture_output=True, text=True)
    root = ElementTree.fromstring(body)
    columns = root.findall("./columns/column")
    rows = [[None if v.get("null") == "true" else (v.text or "") for v in row] for row in root.findall("./rows/row")]
    return {"columns": [c.get("name") for c in columns], "types": [c.get("type") for c in columns], "rows": rows,
            "row_count": root.find("summary").get("row_count"), "xmllint_exit": lint.returncode,
            "xmllint_errors": lint.stderr}


def xlsx_cell(value):
    if isinstance(value, datetime.datetime):
        rounded = value + datetime.timedelta(microseconds=500)  # Excel keeps milliseconds, in a double
        return {"date": rounded.isoformat(timespec="milliseconds")}
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value


def read_openpyxl(url):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "clip.xlsx")
        with open(path, "wb") as file:
            file.write(fetch(url))
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            book = openpyxl.load_workbook(path, read_only=True)
            sheets = [[[xlsx_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
                      for sheet in book.worksheets]
            book.close()
    rows = sheets[0]
    return {"sheets": book.sheetnames, "columns": rows[0], "rows": rows[1:],
            "warnings": [str(w.message) for w in seen]}


def main(base, slug):
    url = base.rstrip("/") + "/clips/" + slug
    readers = {
        "csv_module": lambda: read_csv_module(url + ".csv"),
        "pandas": lambda: read_pandas(url + ".csv"),
        "pandas_text": lambda: read_pandas_text(url + ".csv"),
        "json_module": lambda: read_json_module(url + ".json"),
        "xml": lambda: read_xml(url + ".xml"),
        "openpyxl": lambda: read_openpyxl(url + ".xlsx"),
    }
    json.dump({name: read() for name, read in readers.items()}, sys.stdout, ensure_ascii=False, allow_nan=False)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: read_back.py BASE_URL SLUG")
    main(sys.argv[1], sys.argv[2])
