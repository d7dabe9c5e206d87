"""Hủy hồ sơ: destruction lists of records past their retention, approved through a dossier of type 12."""
