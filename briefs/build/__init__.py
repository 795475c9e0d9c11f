"""Build: plan, read and check, work, record; the jobs, the workers and the lock."""
