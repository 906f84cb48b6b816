"""Statistics as the office publishes them: SDMX-ML import, the monthly grain, releases and revisions."""
