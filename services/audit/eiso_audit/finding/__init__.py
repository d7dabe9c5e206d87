"""Audit findings (ISO 9.2.2 e): conformity, nonconformity (Điểm không phù hợp) or observation."""
