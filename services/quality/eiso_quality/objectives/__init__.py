"""The year's quality objectives (ISO 6.2, "Mục tiêu chất lượng hàng năm"): versions, their dossier, the one in force."""
