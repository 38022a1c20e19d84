"""Write dev/places/mentions.tsv: place mentions in short sentences, with the right answer.

The sentences and the lists of places below are written by hand. The answer for each
mention is read from the GeoNames data by a rule a person states here (the place of
that GeoNames name in that country, in that admin1 when one is given, the most populous
when the sentence names no admin1 and the place is the well-known one), never from
the resolver under test.

Run:  PYTHONPATH=. .venv/bin/python dev/places/make_mentions.py
"""

from __future__ import annotations

import csv
import random
from collections import defaultdict
from pathlib import Path

from strikelog.geo import get_gazetteer, sources

OUT = Path(__file__).with_name("mentions.tsv")

# Sentence frames, in my words; {m} is the mention.
FRAMES = [
    "Drones struck homes in {m} overnight, the regional governor said.",
    "Rescuers searched the rubble in {m} after the attack on Tuesday.",
    "Two people were wounded when debris fell on a street in {m}.",
    "Power was cut in parts of {m} after an energy site was hit.",
    "Officials in {m} said a school and a clinic were damaged.",
]
CONTEXT_FRAMES = [
    "A missile hit the village of {m}, {r}, killing a farmer.",
    "Shelling damaged a shop in {m} in the {r} early on Sunday.",
    "The strike on {m} ({r}) left three houses without roofs.",
]
REGION_FRAMES = [
    "Air defences were active over the {m} through the night.",
    "Authorities in the {m} reported damage to farm buildings.",
    "Several villages of {m} lost power after the barrage.",
]

# written, country, GeoNames name, admin1 code (None: the most populous of that name)
WELL_KNOWN = [
    ("Kyiv", "UA", "Kyiv", None), ("Kiev", "UA", "Kyiv", None),
    ("Kharkiv", "UA", "Kharkiv", None), ("Kharkov", "UA", "Kharkiv", None),
    ("Odesa", "UA", "Odesa", None), ("Odessa", "UA", "Odesa", None),
    ("Dnipro", "UA", "Dnipro", None), ("Dnepr", "UA", "Dnipro", None),
    ("Dnipropetrovsk", "UA", "Dnipro", None),
    ("Zaporizhzhia", "UA", "Zaporizhzhya", None), ("Zaporizhia", "UA", "Zaporizhzhya", None),
    ("Zaporozhye", "UA", "Zaporizhzhya", None),
    ("Mykolaiv", "UA", "Mykolayiv", "UA.16"), ("Nikolaev", "UA", "Mykolayiv", "UA.16"),
    ("Kryvyi Rih", "UA", "Kryvyy Rih", None), ("Kryvyy Rih", "UA", "Kryvyy Rih", None),
    ("Kupiansk", "UA", "Kupyansk", None), ("Kupyansk", "UA", "Kupyansk", None),
    ("Lviv", "UA", "Lviv", None), ("Sumy", "UA", "Sumy", None),
    ("Chernihiv", "UA", "Chernihiv", None), ("Poltava", "UA", "Poltava", None),
    ("Kherson", "UA", "Kherson", None), ("Zhytomyr", "UA", "Zhytomyr", None),
    ("Vinnytsia", "UA", "Vinnytsya", None), ("Ivano-Frankivsk", "UA", "Ivano-Frankivsk", None),
    ("Ternopil", "UA", "Ternopil", None), ("Rivne", "UA", "Rivne", None),
    ("Kramatorsk", "UA", "Kramatorsk", None), ("Sloviansk", "UA", "Slovyansk", None),
    ("Kremenchuk", "UA", "Kremenchuk", None), ("Bila Tserkva", "UA", "Bila Tserkva", None),
    ("Uman", "UA", "Uman", None), ("Izium", "UA", "Izyum", None),
    ("Bucha", "UA", "Bucha", None), ("Irpin", "UA", "Irpin", None),
    ("Brovary", "UA", "Brovary", None), ("Boryspil", "UA", "Boryspil", None),
    ("Nikopol", "UA", "Nikopol", None), ("Pavlohrad", "UA", "Pavlohrad", None),
    ("Kostiantynivka", "UA", "Kostyantynivka", None), ("Berdyansk", "UA", "Berdyansk", None),
    ("Melitopol", "UA", "Melitopol", None), ("Mariupol", "UA", "Mariupol", None),
    ("Chernivtsi", "UA", "Chernivtsi", None), ("Lutsk", "UA", "Lutsk", None),
    ("Uzhhorod", "UA", "Uzhhorod", None), ("Cherkasy", "UA", "Cherkasy", None),
    ("Khmelnytskyi", "UA", "Khmelnytskyi", None), ("Kropyvnytskyi", "UA", "Kropyvnytskyi", None),
    ("Okhtyrka", "UA", "Okhtyrka", None), ("Shostka", "UA", "Shostka", None),
    ("Konotop", "UA", "Konotop", None), ("Vovchansk", "UA", "Vovchansk", None),
    ("Chuhuiv", "UA", "Chuhuyiv", None), ("Lozova", "UA", "Lozova", None),
    ("Balakliia", "UA", "Balakliya", None), ("Orikhiv", "UA", "Orikhiv", None),
    ("Sevastopol", "UA", "Sevastopol", None), ("Simferopol", "UA", "Simferopol", None),
    ("Belgorod", "RU", "Belgorod", None), ("Kursk", "RU", "Kursk", None),
    ("Bryansk", "RU", "Bryansk", None), ("Voronezh", "RU", "Voronezh", None),
    ("Rostov-on-Don", "RU", "Rostov-on-Don", None), ("Krasnodar", "RU", "Krasnodar", None),
    ("Novorossiysk", "RU", "Novorossiysk", None), ("Taganrog", "RU", "Taganrog", None),
    ("Saratov", "RU", "Saratov", None), ("Engels", "RU", "Engels", None),
    ("Tuapse", "RU", "Tuapse", None), ("Ryazan", "RU", "Ryazan’", None),
    ("Gaza City", "PS", "Gaza", None), ("Khan Younis", "PS", "Khān Yūnis", None),
    ("Rafah", "PS", "Rafaḩ", None), ("Jabalia", "PS", "Jabālyā", None),
    ("Beit Lahia", "PS", "Bayt Lāhyā", None),
    ("Jenin", "PS", "Janīn", None), ("Nablus", "PS", "Nablus", None),
    ("Tulkarm", "PS", "Ţūlkarm", None), ("Hebron", "PS", "Hebron", None),
    ("Beirut", "LB", "Beirut", None), ("Tyre", "LB", "Tyre", None),
    ("Sidon", "LB", "Sidon", None), ("Nabatieh", "LB", "Nabatîyé et Tahta", None),
    ("Baalbek", "LB", "Baalbek", None),
    ("Aleppo", "SY", "Aleppo", None), ("Idlib", "SY", "Idlib", None),
    ("Homs", "SY", "Homs", None), ("Damascus", "SY", "Damascus", None),
    ("Deir ez-Zor", "SY", "Deir ez-Zor", None), ("Latakia", "SY", "Latakia", None),
    ("Khartoum", "SD", "Khartoum", None), ("Omdurman", "SD", "Omdurman", None),
    ("El Fasher", "SD", "El Fasher", None), ("Nyala", "SD", "Nyala", None),
    ("Port Sudan", "SD", "Port Sudan", None), ("Kassala", "SD", "Kassala", None),
    ("El Obeid", "SD", "El Obeid", None), ("Wad Madani", "SD", "Wad Medani", None),
    ("Sanaa", "YE", "Sanaa", None), ("Hodeidah", "YE", "Al Ḩudaydah", None),
    ("Aden", "YE", "Aden", None), ("Marib", "YE", "Ma'rib", None), ("Taiz", "YE", "Taiz", None),
    ("Yangon", "MM", "Yangon", None), ("Mandalay", "MM", "Mandalay", None),
    ("Sagaing", "MM", "Sagaing", None), ("Lashio", "MM", "Lashio", None),
    ("Myitkyina", "MM", "Myitkyina", None), ("Naypyidaw", "MM", "Nay Pyi Taw", None),
    ("Tehran", "IR", "Tehran", None), ("Isfahan", "IR", "Isfahan", None),
    ("Tabriz", "IR", "Tabriz", None), ("Baghdad", "IQ", "Baghdad", None),
    ("Erbil", "IQ", "Erbil", None), ("Mosul", "IQ", "Mosul", None),
    ("Tel Aviv", "IL", "Tel Aviv", None), ("Haifa", "IL", "Haifa", None),
    ("Ashkelon", "IL", "Ashkelon", None), ("Sderot", "IL", "Sderot", None),
    ("Eilat", "IL", "Eilat", None), ("Kiryat Shmona", "IL", "Qiryat Shmona", None),
]

# written, country, admin1 code
REGIONS = [
    ("Kharkiv region", "UA", "UA.07"), ("Kharkiv Oblast", "UA", "UA.07"),
    ("Kharkivska oblast", "UA", "UA.07"), ("Sumy province", "UA", "UA.21"),
    ("Sumy Oblast", "UA", "UA.21"), ("Kyiv region", "UA", "UA.13"),
    ("Kyiv Oblast", "UA", "UA.13"), ("Odesa region", "UA", "UA.17"),
    ("Odessa region", "UA", "UA.17"), ("Dnipropetrovsk region", "UA", "UA.04"),
    ("Zaporizhzhia region", "UA", "UA.26"), ("Zaporizhia Oblast", "UA", "UA.26"),
    ("Donetsk region", "UA", "UA.05"), ("Donetsk Oblast", "UA", "UA.05"),
    ("Kherson region", "UA", "UA.08"), ("Mykolaiv region", "UA", "UA.16"),
    ("Chernihiv region", "UA", "UA.02"), ("Poltava region", "UA", "UA.18"),
    ("Lviv region", "UA", "UA.15"), ("Volyn region", "UA", "UA.24"),
    ("Cherkasy region", "UA", "UA.01"), ("Vinnytsia region", "UA", "UA.23"),
    ("Zhytomyr region", "UA", "UA.27"), ("Khmelnytskyi region", "UA", "UA.09"),
    ("Kirovohrad region", "UA", "UA.10"), ("Rivne region", "UA", "UA.19"),
    ("Crimea", "UA", "UA.11"), ("Belgorod region", "RU", "RU.09"),
    ("Kursk region", "RU", "RU.41"), ("Bryansk region", "RU", "RU.10"),
    ("Rostov region", "RU", "RU.61"), ("Voronezh region", "RU", "RU.86"),
    ("Moscow region", "RU", "RU.47"), ("Krasnodar Krai", "RU", "RU.38"),
    ("Gaza Strip", "PS", "PS.GZ"), ("West Bank", "PS", "PS.WE"),
    ("North Darfur", "SD", "SD.55"), ("Khartoum State", "SD", "SD.29"),
    ("Idlib Governorate", "SY", "SY.12"), ("Aleppo Governorate", "SY", "SY.09"),
    ("Sagaing Region", "MM", "MM.10"), ("Rakhine State", "MM", "MM.01"),
    ("Shan State", "MM", "MM.11"), ("Marib Governorate", "YE", "YE.14"),
]

CONFLICT = {"UA": "UA,RU", "RU": "UA,RU", "PS": "PS,IL", "IL": "IL,PS", "LB": "LB,IL",
            "SY": "SY", "SD": "SD", "YE": "YE", "MM": "MM", "IR": "IR,IL", "IQ": "IQ"}


def main() -> None:
    coverage = sources.load_coverage()
    aliases = sources.load_aliases()
    countries = sources.read_countries(aliases)
    units, rows = sources.read_subdivisions(countries, aliases, coverage)
    settlements = sources.read_settlements(coverage, rows, units)
    by_name: dict[tuple[str, str], list[sources.Settlement]] = defaultdict(list)
    any_name: dict[tuple[str, str], list[sources.Settlement]] = defaultdict(list)
    for s in settlements:
        by_name[(s.country, s.name)].append(s)
        for n in s.names:
            any_name[(s.country, n)].append(s)
    rng = random.Random(7)
    out: list[list[str]] = []

    gaz = get_gazetteer()  # only for the English display names of admin1 units

    def unit_name(code: str) -> str:
        gid = units[code].geonameid
        cand = gaz.by_geonameid(gid) if gid else None
        return cand.name if cand else units[code].name

    for written, iso, gname, a1 in WELL_KNOWN:
        places = [p for p in by_name[(iso, gname)] if a1 is None or p.admin1 == a1]
        if not places:
            raise SystemExit(f"no {gname!r} in {iso}")
        truth = max(places, key=lambda p: p.population)
        for frame in rng.sample(FRAMES, 2):
            out.append([CONFLICT[iso], frame.format(m=written), written, str(truth.geonameid),
                        unit_name(truth.admin1) if truth.admin1 else "", "well-known"])
    for written, iso, code in REGIONS:
        for frame in rng.sample(REGION_FRAMES, 2):
            out.append([CONFLICT[iso], frame.format(m=written), written,
                        str(units[code].geonameid), unit_name(code), "region form"])
    # homonyms: names with places in several oblasts, each told apart by its oblast
    homonyms = sorted(
        (name, places) for (iso, name), places in by_name.items()
        if iso == "UA" and len({p.admin1 for p in places}) >= 3
        and all(len([q for q in any_name[(iso, name)] if q.admin1 == p.admin1]) == 1
                for p in places)
    )
    for name, places in rng.sample(homonyms, 30):
        for place in rng.sample(places, 2):
            if place.admin1 is None or place.admin1 == "UA.12":
                continue
            stem = unit_name(place.admin1).replace(" Oblast", "")
            frame = rng.choice(CONTEXT_FRAMES)
            region = f"{stem} region"
            out.append(["UA,RU", frame.format(m=name, r=region), name, str(place.geonameid),
                        unit_name(place.admin1), "homonym with context"])
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
        writer.writerow(["countries", "sentence", "mention", "geonameid", "admin1", "case"])
        writer.writerows(out)
    print(f"{len(out)} mentions → {OUT}")


if __name__ == "__main__":
    main()
