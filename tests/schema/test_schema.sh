#!/usr/bin/env bash
# The shipped JSON Schema accepts the shipped plans and refuses broken ones.
set -eu
root=$1
py=""
for candidate in /usr/bin/python3 python3; do
    if command -v "$candidate" >/dev/null && "$candidate" -c 'import jsonschema' 2>/dev/null; then
        py=$candidate; break
    fi
done
[ -n "$py" ] || { echo "FAIL: no python3 with jsonschema (Debian: python3-jsonschema)"; exit 1; }
"$py" - "$root" <<'PY'
import json, sys, pathlib
from jsonschema import Draft202012Validator
root = pathlib.Path(sys.argv[1])
schema = json.load(open(root / "data/plan.schema.json"))
Draft202012Validator.check_schema(schema)
validator = Draft202012Validator(schema)
good = [root / "data/laming-2009.json", *sorted((root / "tests/data/valid").glob("*.json")),
        *sorted((root / "tests/data/history/laming").glob("*.json"))]
for path in good:
    errors = list(validator.iter_errors(json.load(open(path, encoding="utf-8"))))
    assert not errors, f"{path}: {errors[0].message} at {list(errors[0].absolute_path)}"
refused = 0
for name in ["10-wrong-format", "19-amber-string", "20-unknown-plan-key", "30-empty-text", "34-bad-status"]:
    path = next((root / "tests/data/broken").glob(name + ".json"))
    if list(validator.iter_errors(json.load(open(path)))):
        refused += 1
    else:
        raise AssertionError(f"{path.name} passed the schema")
print(f"schema: {len(good)} plans valid, {refused} broken plans refused")
PY
