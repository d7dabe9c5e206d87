"""eISO quality service: the quality policy (ISO 5.2) in this release."""
