// Removed once the strategy layer has its sources.
