"""Kiểm soát tài liệu (ISO 7.5, manual section 7): controlled documents, their versions and their dossiers."""
