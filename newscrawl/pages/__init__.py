"""Page objects: pure functions from a response to data, one module per page type."""
