"""eISO review service: management reviews (ISO 9.3). A shell in this release."""
