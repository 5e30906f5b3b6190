"""Use cases over a database session, one folder per capability.

structure/  the forum graph's file format, loading, editing and reading
issues/     raising, routing, resolving and linking issues; feedback, mail and queries
accounts/   users and roles, signing in, passwords, the audit log
startup/    migrating and seeding a database on first start, the demo content

Cross-cutting rules every capability reaches: `permissions` (who may do what) and
`personal_data` (no personal identity numbers in stored text).
"""

from services import personal_data  # noqa: F401 - registers the guard on every write
