"""Settings of the HTTP server: limits, coordinate coarsening, CORS, map tiles."""

from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_MAX_EXTRACT_BYTES = 1_000_000


@dataclass(frozen=True)
class Settings:
    """What a deployment may change; the defaults suit a local, offline, read-only server.

    coarsen_hours: incidents newer than this many hours get rounded coordinates (0 = never),
        so a live deployment does not publish the precise impact point of a fresh strike.
    coarsen_degrees: the grid coordinates are rounded to when coarsened.
    cors_origins: origins allowed by CORS; empty = no CORS headers at all.
    tile_url: an optional XYZ tile URL template for users who are online; None = outlines only.
    max_extract_bytes: largest request body POST /api/extract accepts (larger → 413).
    max_page_size: the largest `limit` a list endpoint accepts.
    """

    coarsen_hours: float = 24.0
    coarsen_degrees: float = 0.1
    cors_origins: tuple[str, ...] = field(default_factory=tuple)
    tile_url: str | None = None
    tile_attribution: str | None = None
    max_extract_bytes: int = DEFAULT_MAX_EXTRACT_BYTES
    max_page_size: int = 1000

    def __post_init__(self) -> None:
        if self.coarsen_hours < 0:
            raise ValueError("coarsen_hours must be >= 0 (0 disables coarsening)")
        if self.coarsen_hours > 0 and self.coarsen_degrees <= 0:
            raise ValueError("coarsen_degrees must be > 0 when coarsening is on")
        if self.max_extract_bytes <= 0:
            raise ValueError("max_extract_bytes must be > 0")
