"""Actor mentions ("Russian forces", "Israeli", "the RSF") → canonical party and country."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from strikelog.lang.loader import load_lexicon
from strikelog.trie import literal_trie


@dataclass(frozen=True)
class ActorMention:
    start: int
    end: int
    name: str  # canonical party, e.g. "Russia"
    country: str  # ISO 3166-1 alpha-2
    metonym: bool  # a place name used for a government ("Moscow said")


@dataclass(frozen=True)
class _ActorTable:
    regex: re.Pattern[str]
    entries: dict[str, dict[str, object]]
    opponents: dict[str, str]
    attacker_country: dict[str, str]


@cache
def actor_table() -> _ActorTable:
    lex = load_lexicon("actors")
    entries = {k: dict(v) for k, v in lex["actors"].items()}
    # Case-sensitive: actors are proper nouns ("US" the country, not "us"). Not inside a
    # word: no word character or hyphen before the name (checked after its first
    # character, see `literal_trie`) or after it — but for a hyphen that makes the party
    # the launcher: "Russia-launched drones", "Hezbollah-fired rockets", "Saudi-led".
    alternation = literal_trie(entries, after_first=r"(?<![\w-].)")
    regex = re.compile(rf"(?:{alternation})(?:(?![\w-])|(?=-(?:launched|fired|led)\b))")
    return _ActorTable(regex, entries, dict(lex["opponents"]), dict(lex["attacker_country"]))


def find_actors(text: str) -> list[ActorMention]:
    table = actor_table()
    out = []
    for m in table.regex.finditer(text):
        e = table.entries[m.group(0)]
        if e.get("metonym") and text.startswith(" time", m.end()):
            continue  # "9:00 a.m. Moscow time": a clock, not a government
        out.append(
            ActorMention(
                m.start(), m.end(), str(e["name"]), str(e["country"]), bool(e.get("metonym", False))
            )
        )
    return out


def usual_attacker(target_country: str) -> str | None:
    return actor_table().opponents.get(target_country)


def country_of(attacker: str) -> str | None:
    return actor_table().attacker_country.get(attacker)


def strikes(attacker: str, country: str) -> bool:
    """Whether `attacker` is a party known to strike `country`."""
    targets = load_lexicon("actors").get("usual_targets", {}).get(attacker, [])
    return country in targets or usual_attacker(country) == attacker


def target_of(attacker: str) -> str | None:
    """The country this party usually strikes (the reverse of `usual_attacker`)."""
    for target, usual in actor_table().opponents.items():
        if usual == attacker:
            return target
    return None


@cache
def _weapon_users() -> tuple[re.Pattern[str], dict[str, str]]:
    users = {k.lower(): str(v) for k, v in load_lexicon("actors").get("weapon_users", {}).items()}
    names = "|".join(re.escape(k) for k in sorted(users, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])({names})", re.IGNORECASE), users


def user_of_weapons(text: str) -> str | None:
    """The party whose weapon models a text names ("Neptune" → Ukraine), if only one."""
    regex, users = _weapon_users()
    found = {users[m.group(1).lower()] for m in regex.finditer(text)}
    return found.pop() if len(found) == 1 else None


def is_domestic(attacker: str) -> bool:
    """A party that strikes inside its own country ("the RSF" in Sudan)."""
    return attacker in load_lexicon("actors").get("domestic", {}).get("parties", [])
