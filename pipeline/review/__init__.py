"""Reviewing a run's outputs: the HTML report (report.py, report_assets/) and the annotation
round-trip to Label Studio and doccano and back to gold (annotations.py and the modules it uses)."""
