"""Query counts that depend on the cache in use, for tests that assert budgets."""

from interpolinfo.content_version import state_is_cached


def version_queries() -> int:
    """SQL queries a request spends reading the content version once the cache is warm:
    none where the state is cached (Redis, or the shared file on SQLite), one when each
    request reads the row (the local-memory cache alone)."""
    return 0 if state_is_cached() else 1
