"""The quarter as the registrations need it: the calendar quarter, its state, and the stale mark.

A small package below adviezen and meldingen and above the core: the registration services check here whether
a quarter is still open and mark its counts stale, in their own transaction, without importing the reporting
code that computes the counts (that runs as a Celery task, enqueued by name).
"""
