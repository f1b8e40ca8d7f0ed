"""Markdown (and the small data files beside it) for every generated page."""
