"""eISO workflow service: dossiers (hồ sơ), their step graphs as data, deadlines and inboxes."""
