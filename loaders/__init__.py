"""Reading sources and finding the quotes in them: pure functions but for file I/O."""
