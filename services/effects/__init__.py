"""Effect follow-up for strategic leaders: effects, indicators, measurements, reviews, status."""
