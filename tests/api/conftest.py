"""A seeded database and a real uvicorn server on a free loopback port."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

import strikelog
from strikelog.api.app import create_app
from strikelog.api.localserver import serve_in_thread
from strikelog.api.sample import PLACES, SITES, WEAPONS, SampleReport, SampleStrike, save_samples
from strikelog.api.settings import Settings
from strikelog.store.db import open_store

PLACE = {p.name: p for p in PLACES}
SITE = dict((klass, pair) for pair in SITES for klass in [pair[1]])
WEAPON = {w[0]: w for w in WEAPONS}
OLD_DAY = date(2024, 3, 10)


def seed_reports(today: date) -> list[SampleReport]:
    """Four reports: three in March 2024 and one dated today (fresh, so coarsened)."""
    return [
        SampleReport(
            day=OLD_DAY,
            drones=120,
            drones_down=100,
            missiles=5,
            source="test wire",
            strikes=[
                SampleStrike(
                    PLACE["Kharkiv"],
                    SITE["education"],
                    WEAPON["drone"],
                    killed=3,
                    injured=7,
                    child_age=11,
                )
            ],
        ),
        SampleReport(
            day=date(2024, 3, 11),
            source="test daily",
            strikes=[
                SampleStrike(
                    PLACE["Odesa"], SITE["energy"], WEAPON["glide_bomb"], killed=0, injured=4
                )
            ],
        ),
        SampleReport(
            day=date(2024, 3, 12),
            source="test wire",
            strikes=[
                SampleStrike(
                    PLACE["Belgorod"], SITE["residential"], WEAPON["drone"], killed=0, injured=1
                )
            ],
        ),
        SampleReport(
            day=today,
            drones=40,
            drones_down=35,
            missiles=2,
            source="test wire",
            strikes=[
                SampleStrike(
                    PLACE["Kyiv"], SITE["residential"], WEAPON["missile"], killed=2, injured=0
                )
            ],
        ),
    ]


def make_db(path: Path) -> Path:
    with open_store(str(path)) as store:
        save_samples(store, seed_reports(datetime.now(UTC).date()))
    return path


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_db(tmp_path_factory.mktemp("api") / "sample.db")


@pytest.fixture(scope="session")
def server(sample_db: Path) -> Iterator[str]:
    """Base URL of a real server with the default settings."""
    # the extractor loaded before the server starts: a cold gazetteer cache takes longer to
    # build than a client waits for its first POST /api/extract
    strikelog.extract("A drone hit a house in Kyiv.")
    app = create_app(str(sample_db), settings=Settings())
    with serve_in_thread(app) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def cors_server(sample_db: Path) -> Iterator[str]:
    app = create_app(str(sample_db), settings=Settings(cors_origins=("http://allowed.example",)))
    with serve_in_thread(app) as base_url:
        yield base_url
