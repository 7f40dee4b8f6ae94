"""The read phase: the kinds of source file, the collector that keeps their
items in the environment, and the checks run on every source as it is read."""
