"""Validate exercise front matter against ``exercises/schema.json``.

Pure functions with no Sphinx in them, so they are easy to test and can be
reused by editors' tooling. Every error becomes one Problem with a line.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from compassion_kit.problems import Problem
from compassion_kit.rules.frontmatter import FrontMatter


@cache
def load_validator(schema_path: str) -> Draft202012Validator:
    schema = json.loads(Path(schema_path).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def _field_name(path: Iterable[str | int]) -> str:
    name = ""
    for step in path:
        name += f"[{step}]" if isinstance(step, int) else (f".{step}" if name else step)
    return name or "front matter"


YAML_TYPE_NAMES = {bool: "boolean", int: "integer", float: "number", str: "string",
                   list: "list", dict: "mapping", type(None): "empty"}


def _type_name(value: object) -> str:
    return YAML_TYPE_NAMES.get(type(value), type(value).__name__)


def _step(document: Any, path: Iterable[Any]) -> Any:
    """The part of ``document`` (a schema or front matter) at ``path``, or None."""
    for step in path:
        try:
            document = document[step]
        except (KeyError, IndexError, TypeError):
            return None
    return document


def _unused_key(error: ValidationError, schema: Mapping[str, Any], data: object
                ) -> str | None:
    """A readable message for a key the object's type does not use.

    The schema forbids such a key with ``"not": {}`` in the ``then`` branch of
    an ``if`` on the object's ``type`` (exercises/schema.json, ``fields``), for
    which jsonschema only says "... should not be valid under {}". None when
    ``error`` is not that."""
    path, schema_path = list(error.absolute_path), list(error.absolute_schema_path)
    if (error.validator != "not" or error.validator_value != {} or not path
            or not isinstance(path[-1], str) or "allOf" not in schema_path):
        return None
    key = path[-1]
    owner = _step(data, path[:-1])
    kind = owner.get("type") if isinstance(owner, dict) else None
    # The object's schema holds the allOf whose branches decide per type.
    at = len(schema_path) - 1 - schema_path[::-1].index("allOf")
    branches = _step(schema, schema_path[:at + 1])
    users = []
    for branch in branches if isinstance(branches, list) else []:
        only = _step(branch, ["if", "properties", "type", "const"])
        forbidden = _step(branch, ["then", "properties", key]) == {"not": {}}
        if isinstance(only, str) and not forbidden:
            users.append(only)
    whom = f"type '{kind}'" if isinstance(kind, str) else "a field without a 'type'"
    names = ", ".join(f"'{user}'" for user in users)
    hint = (f", or use type {names}" if len(users) == 1
            else f", or use one of the types {names}" if users else "")
    return f"'{key}' is not used by {whom}: remove it{hint}"


def _describe(error: ValidationError, schema: Mapping[str, Any] | bool | None = None,
              data: object = None) -> tuple[list[str | int], str]:
    """(path of the field to point at, readable message) for one schema error
    (``schema``: the whole schema, as the validator holds it)."""
    path = list(error.absolute_path)
    unused = _unused_key(error, schema, data) if isinstance(schema, Mapping) else None
    if unused is not None:
        return path, unused
    if error.validator == "required":
        missing = error.message.split("'")[1]
        return [*path, missing], "missing required field"
    if (error.validator == "additionalProperties" and isinstance(error.instance, Mapping)
            and isinstance(error.schema, Mapping)):
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return [*path, extra[0]], "unknown field (check the spelling against schema.json)"
    if error.validator == "type":
        return path, (f"expected {error.validator_value}, got "
                      f"{_type_name(error.instance)} {error.instance!r}")
    if error.validator == "enum" and isinstance(error.validator_value, list):
        allowed = ", ".join(str(value) for value in error.validator_value)
        return path, f"{error.instance!r} is not one of: {allowed}"
    return path, error.message


def validate(front: FrontMatter, schema_path: str) -> list[Problem]:
    """Schema problems of ``front``, plus the rule that id equals the file stem."""
    validator = load_validator(str(schema_path))
    problems = []
    errors = sorted(validator.iter_errors(front.data), key=lambda e: list(e.absolute_path))
    for error in errors:
        path, message = _describe(error, validator.schema, front.data)
        # A missing field has no line of its own: point at its parent.
        line_path = path[:-1] if error.validator == "required" else path
        problems.append(Problem(front.path, front.line_of(line_path),
                                f"field '{_field_name(path)}'", message))
    item_id = front.data.get("id")
    stem = Path(front.path).stem
    if isinstance(item_id, str) and item_id != stem:
        problems.append(Problem(front.path, front.line_of(["id"]), "field 'id'",
                                f"'{item_id}' must equal the file name '{stem}'"))
    return problems
