"""The JSON Schema of a case record, derived from the model (never written by hand).

Editors use it while a record is typed (the template's ``# yaml-language-server:
$schema=`` line); the site publishes it under ``data/``. The vocabularies are data, so
their keys are added here as ``enum`` lists. A test checks the committed file is current.
"""

from __future__ import annotations

import json
from pathlib import Path

import pycountry

from .model import Case
from .vocabulary import Vocabulary

SCHEMA_PATH = Path("docs/data/case.schema.json")


def case_schema(vocabulary: Vocabulary) -> dict:
    schema = Case.model_json_schema(mode="validation")
    props = schema["properties"]
    props["level"]["enum"] = list(vocabulary.levels)
    props["themes"]["items"]["enum"] = list(vocabulary.themes)
    props["country"]["enum"] = sorted(c.alpha_2 for c in pycountry.countries)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": "Reform Casebook case record",
        "description": "One case: cases/<id>.yaml. Generated from hooks/casebook/records/model.py "
                       "by `casebook schema`; do not edit.",
    }


def schema_text(vocabulary: Vocabulary) -> str:
    return json.dumps(case_schema(vocabulary), indent=2, ensure_ascii=False) + "\n"
