"""Context analyses (Bối cảnh tổ chức → Tổ chức và bối cảnh, ISO 4.1-4.4): one per year, approved, one applied."""
