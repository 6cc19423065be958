// Removed once the service layer has its sources.
