"""Check that a change to the matcher or resolver keeps every result.

    .venv/bin/python dev/places/find_snapshot.py save /tmp/before.json
    .venv/bin/python dev/places/find_snapshot.py check /tmp/before.json

Records, for every text in dev/reports, dev/second/reports, dev/holdout/reports, dev/noplace and
tests/geo/data, the `find` output (start, end, text, key, kind, capital country,
preferred geonameid, candidate geonameids) and the `resolve` output (every Place field),
plus the same for a few made-up edge texts; `check` lists each text whose output differs.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from strikelog.geo.gazetteer import Gazetteer  # noqa: E402

FOLDERS = (
    "dev/reports", "dev/second/reports", "dev/holdout/reports", "dev/noplace", "tests/geo/data"
)
# Edge cases the corpora may lack: text edges, odd characters, lists, gaps.
EDGE_TEXTS = [
    "", " ", "Kyiv", "Kyiv.", "kyiv", "KYIV", "Kharkiv, Sumy and Poltava regions",
    "İstanbul and Kyiv", "Strikes on Kryvyi\nRih and St. Petersburg and Kharkiv. Region",
    "the capital", "The Ukrainian capital was hit. The capital", "Gaza Strip\u2019s north",
    "Vladimir Putin met Olena Zelenska in Kyiv region", "Dynamo Kyiv played in Kyiv",
    "Bryansk border region, Kursk border", "Desnianskyi district of Kyiv",
    "Ivano-Frankivsk\u00a0Oblast", "Kharkivs\u2019ka oblast", "Zaporizhzhia _Oblast_",
    "\ufb01 Odesa \u0130 Lviv", "Pohreby, Kyiv region. Pohreby",
]


def snapshot() -> dict[str, object]:
    gaz = Gazetteer.load()
    texts = {f"edge:{n}": t for n, t in enumerate(EDGE_TEXTS)}
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).glob("*.txt")):
            texts[str(path.relative_to(ROOT))] = path.read_text(encoding="utf-8")
    out: dict[str, object] = {}
    for name, text in texts.items():
        mentions = gaz.find(text)
        places = gaz.resolve(mentions, countries=["UA", "RU"], text=text)
        out[name] = {
            "find": [[m.start, m.end, m.text, m.key, m.kind, m.capital_country, m.preferred,
                      [c.geonameid for c in m.candidates]] for m in mentions],
            "resolve": [dataclasses.asdict(p) for p in places],
        }
    return out


def main() -> None:
    if len(sys.argv) != 3 or sys.argv[1] not in ("save", "check"):
        raise SystemExit(__doc__)
    target = Path(sys.argv[2])
    now = json.loads(json.dumps(snapshot()))
    if sys.argv[1] == "save":
        target.write_text(json.dumps(now), encoding="utf-8")
        print(f"{len(now)} texts saved to {target}")
        return
    before = json.loads(target.read_text(encoding="utf-8"))
    differ = sorted(k for k in before.keys() | now.keys() if before.get(k) != now.get(k))
    mentions = sum(len(v["find"]) for v in now.values())
    for name in differ:
        print(f"DIFFERS: {name}")
    print(f"{len(now)} texts, {mentions} mentions: "
          f"{'identical' if not differ else f'{len(differ)} differ'}")
    raise SystemExit(1 if differ else 0)


if __name__ == "__main__":
    main()
