"""Japanese-first extraction pipeline."""
