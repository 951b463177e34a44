"""Evaluation as code: each module scores one stage on a public benchmark."""
