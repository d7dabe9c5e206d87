"""Continuous improvement (ISO 10.3, "Cải tiến liên tục"): proposals the leader approves or refuses, then the
improvement dossier (type "6") where the leader directs, the secretary records, the department implements."""
