"""Build the outlet registry shipped in ``src/presslens/data/outlets.json``.

Data:
  * the ASD State Media Matrix (``State_Media_Matrix.csv``, MIT licence,
    Alliance for Securing Democracy at GMF; seed data from the State Media
    Monitor), read from ``../shared/data/state-media/`` or ``--matrix``;
  * ``scripts/outlets_curated.json``: short names and aliases for major state
    media, agencies and video arms of state media that the matrix does not list
    (Ruptly, Redfish: with the reason and its source), and well-known
    independent outlets the matrix does not cover.

Writes ``src/presslens/data/outlets.json`` and
``src/presslens/data/NOTICE-state-media.md`` (the matrix's licence). The
output is deterministic: rerun after changing either input.

Usage::

    PYTHONPATH=src python scripts/build_outlet_registry.py [--matrix CSV] [--curated JSON]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
from collections import Counter
from pathlib import Path

from presslens.outlets import CURATED, MATRIX, TYPOLOGIES, domain_of

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PRESSLENS_SHARED", ROOT / ".." / "shared"))
DEFAULT_MATRIX = SHARED / "data" / "state-media" / "State_Media_Matrix.csv"
DEFAULT_CURATED = ROOT / "scripts" / "outlets_curated.json"
DATA_DIR = ROOT / "src" / "presslens" / "data"

#: "News agency: Xinhua" -> "Xinhua": the matrix prefixes some assets with their kind.
KIND_PREFIX = re.compile(r"^(?:News agency|News portals|Print media|Print|Television|Radio|Online|TV)\s*:\s*", re.I)
#: "Mehr News Agency (MNA)": a trailing acronym in parentheses is an alias.
PAREN_ACRONYM = re.compile(r"^(?P<base>.+?)\s*\((?P<acronym>[A-Z][A-Za-z:&]{1,9})\)$")
#: Words too generic to make a name matchable in text on their own ("Channel 5", "Radio Nacional").
GENERIC_WORDS = frozenset(
    """
    radio tv television channel channels canal news agency national nacional public first one two the of and de
    la le el station broadcasting corporation network online daily fm am herald star mirror chronicle paper
    mercury times post tribune sun observer reporter today real show money financial military economic legal
    sector manager urban new era voice world net info day days week weekly monitor bulletin review express
    journal gazette standard nation independent guardian telegraph peninsula business retro nice west space
    """.split()
)


def clean_asset(name: str) -> str:
    return re.sub(r"\s+", " ", KIND_PREFIX.sub("", name)).strip()


def clean_company(name: str) -> str | None:
    return re.sub(r"\s+", " ", name.replace("*", "")).strip() or None


def read_matrix(path: Path) -> dict[tuple[str, str], list[dict]]:
    """Matrix rows grouped by (country, cleaned asset name), in file order."""
    groups: dict[tuple[str, str], list[dict]] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            country, asset = row["Country"].strip(), clean_asset(row["Main assets"])
            if country and asset and row["Typology"].strip():
                groups.setdefault((country, asset), []).append(row)
    return groups


def matrix_profile(name: str, assets: list[str], rows: list[dict], aliases: list[str]) -> dict:
    codes = Counter(row["Typology"].strip() for row in rows)
    code = codes.most_common(1)[0][0]
    uncertain = code.endswith("?")
    typology = TYPOLOGIES[code.rstrip("?")]
    for asset in assets:
        aliases.append(asset)
        match = PAREN_ACRONYM.match(asset)
        if match:
            aliases += [match["base"], match["acronym"]]
    domains = [domain_of(row["URL"]) for row in rows if row["URL"].strip()]
    return {
        "name": name,
        "aliases": [a for a in dict.fromkeys(aliases) if a != name],
        "domains": sorted({d for d in domains if d}),
        "country": rows[0]["Country"].strip(),
        "state_affiliated": typology.state_affiliated,
        "typology": typology.code,
        "parent": clean_company(rows[0]["Media company"]),
        "typology_label": typology.label,
        "editorial_independence": typology.editorial_independence,
        "state_funded": typology.state_funded,
        "ownership": None,
        "uncertain": uncertain,
        "registry": MATRIX,
        "reason": None,
    }


def independent_profile(entry: dict) -> dict:
    return {
        "name": entry["name"],
        "aliases": [a for a in dict.fromkeys(entry["aliases"]) if a != entry["name"]],
        "domains": sorted(entry["domains"]),
        "country": entry["country"],
        "state_affiliated": False,
        "typology": None,
        "parent": None,
        "typology_label": None,
        "editorial_independence": True,
        "state_funded": None,
        "ownership": entry["ownership"],
        "uncertain": False,
        "registry": CURATED,
        "reason": None,
    }


def arm_profile(entry: dict) -> dict:
    """An agency or social-video arm of state media that the matrix does not list: its parent's typology."""
    typology = TYPOLOGIES["SC"]
    return {
        "name": entry["name"],
        "aliases": [a for a in dict.fromkeys(entry["aliases"]) if a != entry["name"]],
        "domains": sorted(entry["domains"]),
        "country": entry["country"],
        "state_affiliated": typology.state_affiliated,
        "typology": typology.code,
        "parent": entry["parent"],
        "typology_label": typology.label,
        "editorial_independence": typology.editorial_independence,
        "state_funded": typology.state_funded,
        "ownership": entry["ownership"],
        "uncertain": False,
        "registry": CURATED,
        "reason": f"{entry['reason']} (source: {entry['source']})",
    }


def with_article_variants(names: list[str]) -> list[str]:
    """'The Guardian' is also written 'the Guardian' mid-sentence."""
    out = list(names)
    out += ["the" + n[3:] for n in names if n.startswith("The ")]
    return list(dict.fromkeys(out))


def build(matrix_path: Path, curated_path: Path) -> dict:
    groups = read_matrix(matrix_path)
    curated = json.loads(curated_path.read_text(encoding="utf-8"))
    outlets: list[dict] = []
    curated_names: dict[str, str] = {}
    folded: set[tuple[str, str]] = set()
    for entry in curated["state_media"]:
        keys = [(entry["country"], clean_asset(asset)) for asset in entry["assets"]]
        missing = [key for key in keys if key not in groups]
        if missing:
            raise SystemExit(f"{curated_path}: {missing} not in the matrix {matrix_path}; check country and asset name")
        rows = [row for key in keys for row in groups[key]]
        outlets.append(matrix_profile(entry["name"], [key[1] for key in keys], rows, list(entry["aliases"])))
        folded.update(keys)
        for name in with_article_variants([entry["name"], *entry["aliases"]]):
            curated_names[name] = entry["name"]
    for entry in curated.get("state_media_arms", []):
        outlets.append(arm_profile(entry))
        for name in with_article_variants([entry["name"], *entry["aliases"]]):
            curated_names[name] = entry["name"]
    for entry in curated["independent_outlets"]:
        outlets.append(independent_profile(entry))
        for name in with_article_variants([entry["name"], *entry["aliases"]]):
            curated_names[name] = entry["name"]
    taken = {o["name"] for o in outlets}
    for (country, asset), rows in groups.items():
        if (country, asset) in folded:
            continue
        name = asset if asset not in taken else f"{asset} ({country})"
        taken.add(name)
        outlets.append(matrix_profile(name, [asset], rows, []))

    claims: dict[str, list[str]] = {}
    for outlet in outlets:
        for name in [outlet["name"], *outlet["aliases"]]:
            claims.setdefault(name, [])
            if outlet["name"] not in claims[name]:
                claims[name].append(outlet["name"])
    names: dict[str, str] = {}
    ambiguous: dict[str, list[str]] = {}
    for name, targets in claims.items():
        if name in curated_names:
            names[name] = curated_names[name]
        elif len(targets) == 1:
            names[name] = targets[0]
        else:
            ambiguous[name] = sorted(targets)
    for name, target in curated_names.items():
        names.setdefault(name, target)

    countries = {country for country, _ in groups}
    text_names = {name for name in curated_names if "(" not in name}
    for name, target in names.items():
        words = name.split()
        distinctive = [w for w in words if w.lower() not in GENERIC_WORDS and w.isalpha() and len(w) > 2]
        if len(words) > 1 and distinctive and name not in countries and "(" not in name:
            text_names.add(name)
    return {
        "about": (
            "Outlet registry built by scripts/build_outlet_registry.py from the ASD State Media Matrix "
            "(MIT, see NOTICE-state-media.md) and scripts/outlets_curated.json. Do not edit by hand."
        ),
        "outlets": sorted(outlets, key=lambda o: (o["registry"] != CURATED, o["country"] or "", o["name"])),
        "names": dict(sorted(names.items())),
        "ambiguous": dict(sorted(ambiguous.items())),
        "text_names": sorted(text_names),
    }


def write_registry(data: dict, path: Path) -> None:
    """One outlet per line: small diffs when the inputs change."""
    lines = ["{"]
    lines.append(f'"about": {json.dumps(data["about"])},')
    lines.append('"outlets": [')
    lines.append(",\n".join(json.dumps(o, ensure_ascii=False) for o in data["outlets"]))
    lines.append("],")
    for key in ("names", "ambiguous"):
        lines.append(f'"{key}": {json.dumps(data[key], ensure_ascii=False, indent=0)},')
    lines.append(f'"text_names": {json.dumps(data["text_names"], ensure_ascii=False, indent=0)}')
    lines.append("}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


NOTICE = """# State media data: notice

`outlets.json` contains facts derived from the **State Media Matrix** of the
Alliance for Securing Democracy at the German Marshall Fund (ASD-at-GMF),
https://github.com/ASD-at-GMF/state-media-profiles, whose seed data (country,
media company, main assets, typology) come from the State Media Monitor of the
Media and Journalism Research Center (https://statemediamonitor.com).
Typology codes follow https://statemediamonitor.com/typology/.

The matrix is distributed under the MIT licence, reproduced below.

```
{licence}
```
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--matrix", type=Path, default=DEFAULT_MATRIX)
    parser.add_argument("--curated", type=Path, default=DEFAULT_CURATED)
    parser.add_argument("--output", type=Path, default=DATA_DIR / "outlets.json")
    args = parser.parse_args()
    if not args.matrix.exists():
        parser.error(f"the State Media Matrix is not at {args.matrix}: pass --matrix or set PRESSLENS_SHARED")
    data = build(args.matrix, args.curated)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    write_registry(data, args.output)
    licence = (args.matrix.parent / "LICENSE").read_text(encoding="utf-8").strip()
    (args.output.parent / "NOTICE-state-media.md").write_text(NOTICE.format(licence=licence), encoding="utf-8")
    print(
        f"{len(data['outlets'])} outlets, {len(data['names'])} names ({len(data['ambiguous'])} ambiguous), "
        f"{len(data['text_names'])} matched in text -> {args.output}"
    )


if __name__ == "__main__":
    main()
