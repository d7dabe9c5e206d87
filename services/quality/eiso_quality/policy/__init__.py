"""The quality policy (ISO 5.2, "Chính sách chất lượng"): aggregate, submission, what its dossier does to it."""
