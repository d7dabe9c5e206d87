"""The year's internal audit programme (ISO 9.2.2, "Chương trình đánh giá"): months x departments, revisions."""
