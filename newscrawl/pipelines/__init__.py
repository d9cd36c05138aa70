"""Item pipelines: validate, deduplicate, store. Nothing here parses pages."""
