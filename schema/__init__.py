"""Instrument versions as data, the municipality table, and the report record model."""
