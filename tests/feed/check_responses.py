#!/usr/bin/env python3
"""Checks feed responses saved by test_headless.sh.

  check_responses.py openapi OPENAPI.json SCHEMA=FILE...   each JSON file against its schema
  check_responses.py csv FILE ROWS                           the CSV reads back with ROWS rows
"""
import csv
import io
import json
import sys

from jsonschema import Draft202012Validator


def check_openapi(openapi_path, pairs):
    document = json.load(open(openapi_path, encoding="utf-8"))
    assert document["openapi"].startswith("3.1"), document["openapi"]
    failures = 0
    for pair in pairs:
        name, path = pair.split("=", 1)
        # The OpenAPI document is the root, so "#/components/schemas/..." references resolve.
        schema = dict(document)
        schema["$ref"] = "#/components/schemas/" + name
        validator = Draft202012Validator(schema)
        instance = json.load(open(path, encoding="utf-8"))
        errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
        for error in errors[:3]:
            print(f"FAIL: {path} does not match {name}: {error.message} at {list(error.absolute_path)}")
        failures += bool(errors)
    return failures


def check_csv(path, rows_expected):
    raw = open(path, "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf"), "no UTF-8 byte order mark"
    text = raw.decode("utf-8-sig")
    assert "\r\n" in text, "rows do not end with CRLF"
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header, body = rows[0], rows[1:]
    assert header[:2] == ["ref", "chapter"], header
    assert len(body) == rows_expected, f"{len(body)} rows, expected {rows_expected}"
    assert all(len(row) == len(header) for row in body), "ragged rows"
    assert any("\n" in field or "," in field or '"' in field for row in body for field in row), \
        "no field needed quoting: the check proves nothing"
    return 0


def main():
    if sys.argv[1] == "openapi":
        failures = check_openapi(sys.argv[2], sys.argv[3:])
    elif sys.argv[1] == "csv":
        failures = check_csv(sys.argv[2], int(sys.argv[3]))
    else:
        raise SystemExit("usage: check_responses.py openapi|csv ...")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
