"""Actor mentions ("Russian forces", "Israeli", "the RSF") → canonical party and country."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from strikelog.lang.loader import load_lexicon
from strikelog.trie import literal_trie


# Not frozen, for speed (as `mentions.Mention`): equality and hashing stay as a frozen
# one's; never assign to one.
@dataclass(unsafe_hash=True)
class ActorMention:
    start: int
    end: int
    name: str  # canonical party, e.g. "Russia"
    country: str  # ISO 3166-1 alpha-2
    metonym: bool  # a place name used for a government ("Moscow said")


@dataclass(frozen=True)
class _ActorTable:
    regex: re.Pattern[str]  # every name
    # the names that begin with a capital, and the others ("paramilitary", "al-Shabaab"):
    # a scan for every name would try each "a", "m", "p" of the text; the few others are
    # found by `str.find`, which skips ahead far faster, and `regex` tried there
    capitalised: re.Pattern[str]
    lowercase: tuple[str, ...]
    entries: dict[str, dict[str, object]]
    opponents: dict[str, str]
    attacker_country: dict[str, str]
    targets: dict[str, str]  # party → the first country `opponents` gives it as attacker of
    # name → (party, country, metonym) of its `ActorMention`, converted once
    mention_fields: dict[str, tuple[str, str, bool]]


@cache
def actor_table() -> _ActorTable:
    lex = load_lexicon("actors")
    entries = {k: dict(v) for k, v in lex["actors"].items()}
    # Case-sensitive: actors are proper nouns ("US" the country, not "us"). Not inside a
    # word: no word character or hyphen before the name (checked after its first
    # character, see `literal_trie`) or after it — but for a hyphen that makes the party
    # the launcher: "Russia-launched drones", "Hezbollah-fired rockets", "Saudi-led".
    def names_regex(names: list[str]) -> re.Pattern[str]:
        alternation = literal_trie(names, after_first=r"(?<![\w-].)")
        return re.compile(rf"(?:{alternation})(?:(?![\w-])|(?=-(?:launched|fired|led)\b))")

    lowercase = tuple(k for k in entries if k[:1].islower())
    return _ActorTable(
        names_regex(list(entries)),
        names_regex([k for k in entries if k not in lowercase]),
        lowercase,
        entries,
        dict(lex["opponents"]),
        dict(lex["attacker_country"]),
        _first_targets(dict(lex["opponents"])),
        {
            k: (str(e["name"]), str(e["country"]), bool(e.get("metonym", False)))
            for k, e in entries.items()
        },
    )


def _first_targets(opponents: dict[str, str]) -> dict[str, str]:
    targets: dict[str, str] = {}
    for target, usual in opponents.items():
        targets.setdefault(usual, target)
    return targets


def _actor_matches(text: str) -> list[re.Match[str]]:
    """What `actor_table().regex.finditer(text)` finds: at each position where a name
    begins only the names with its first character can match, so the leftmost match is the
    capitalised names' or, where one of the others begins before it, the whole regex's."""
    table = actor_table()
    others = sorted(at for name in table.lowercase for at in _occurrences(text, name))
    out: list[re.Match[str]] = []
    pos = 0
    i = 0
    capitalised = table.capitalised.search(text)
    while True:
        if capitalised is not None and capitalised.start() < pos:
            capitalised = table.capitalised.search(text, pos)
        found = capitalised
        while i < len(others) and others[i] < pos:
            i += 1
        while i < len(others) and (capitalised is None or others[i] < capitalised.start()):
            m = table.regex.match(text, others[i])
            i += 1
            if m is not None:
                found = m
                break
        if found is None:
            return out
        out.append(found)
        pos = found.end()


def _occurrences(text: str, word: str) -> list[int]:
    found = []
    at = text.find(word)
    while at >= 0:
        found.append(at)
        at = text.find(word, at + 1)
    return found


def find_actors(text: str) -> list[ActorMention]:
    fields = actor_table().mention_fields
    out = []
    for m in _actor_matches(text):
        name, country, metonym = fields[m.group(0)]
        if metonym and text.startswith(" time", m.end()):
            continue  # "9:00 a.m. Moscow time": a clock, not a government
        out.append(ActorMention(m.start(), m.end(), name, country, metonym))
    return out


def usual_attacker(target_country: str) -> str | None:
    return actor_table().opponents.get(target_country)


def country_of(attacker: str) -> str | None:
    return actor_table().attacker_country.get(attacker)


def strikes(attacker: str, country: str) -> bool:
    """Whether `attacker` is a party known to strike `country`."""
    return country in _targets(attacker)


def targets_of(attacker: str) -> set[str]:
    """Every country this party is known to strike."""
    return set(_targets(attacker))


@cache  # (the lexicon is read once per process and never changes)
def _targets(attacker: str) -> frozenset[str]:
    """The countries `attacker` usually strikes, and those that name it as their usual
    attacker."""
    found = {t for t, usual in actor_table().opponents.items() if usual == attacker}
    found.update(load_lexicon("actors").get("usual_targets", {}).get(attacker, []))
    return frozenset(found)


def target_of(attacker: str) -> str | None:
    """The country this party usually strikes (the reverse of `usual_attacker`)."""
    return actor_table().targets.get(attacker)


@cache
def _weapon_users() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    users = {k.lower(): str(v) for k, v in load_lexicon("actors").get("weapon_users", {}).items()}
    names = "|".join(re.escape(k) for k in sorted(users, key=len, reverse=True))
    # the same scan for lowercased text, case-sensitive, as a character trie (the word
    # start checked after the first letter): about 2.5x faster than the alternation
    in_lower = literal_trie(users, after_first=r"(?<![\w-].)")
    return (
        re.compile(rf"(?<![\w-])({names})", re.IGNORECASE),
        re.compile(in_lower),
        users,
    )


def user_of_weapons(text: str) -> str | None:
    """The party whose weapon models a text names ("Neptune" → Ukraine), if only one."""
    regex, in_lower, users = _weapon_users()
    if text.isascii():  # lowercasing keeps offsets and folds case as IGNORECASE does
        found = {users[m.group()] for m in in_lower.finditer(text.lower())}
    else:
        found = {users[m.group(1).lower()] for m in regex.finditer(text)}
    return found.pop() if len(found) == 1 else None


def is_domestic(attacker: str) -> bool:
    """A party that strikes inside its own country ("the RSF" in Sudan)."""
    return attacker in load_lexicon("actors").get("domestic", {}).get("parties", [])
