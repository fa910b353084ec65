"""Handouts and the HR site, generated from the validated model."""
