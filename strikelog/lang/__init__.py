"""Language data: one TOML lexicon per topic and language, validated on load (`loader.py`)."""
