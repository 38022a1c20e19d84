"""Offline gazetteer and geocoder (GeoNames data, CC BY 4.0)."""

from strikelog.geo.gazetteer import ATTRIBUTION, Candidate, Gazetteer, PlaceMention, get_gazetteer

__all__ = ["ATTRIBUTION", "Candidate", "Gazetteer", "PlaceMention", "get_gazetteer"]
