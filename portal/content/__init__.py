"""The lifecycle of content items that every type shares, whichever plugin brought it."""
