// Removed once the core layer has its sources.
