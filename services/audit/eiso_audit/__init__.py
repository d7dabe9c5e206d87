"""eISO audit service: internal audit programmes (ISO 9.2). A shell in this release."""
