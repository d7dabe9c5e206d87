"""Nonconformities and corrective actions (ISO 10.2): raised by anyone or by an audit finding, followed through
the corrective-action dossier (type "11") until an auditor verifies the action worked."""
