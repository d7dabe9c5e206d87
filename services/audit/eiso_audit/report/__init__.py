"""The audit report: a Word document made from the plan, checklist and findings, kept with the audit."""
