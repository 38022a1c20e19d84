"""Spotters: find typed mentions (quantities, casualty terms, weapons, places…) with their spans."""
