"""Classic results of provability logic: fixed points, letterless sentences, interpolation."""
