"""Shared settings for the hostile-input fuzz tests: a fixed seed and a bounded number of examples.

`LA_CHAN_FUZZ_SCALE=10` multiplies every example count (the long local run); CI uses 1.
"""

import os

from hypothesis import HealthCheck, settings

SCALE = max(1, int(os.environ.get("LA_CHAN_FUZZ_SCALE", "1") or 1))


def fuzz(examples: int):
    """Hypothesis settings: derandomised (fixed seed), `examples` × SCALE, no deadline (time is
    bounded by the subprocess probe in tests/core/test_fuzz_hostile.py, not per example)."""
    return settings(max_examples=examples * SCALE, derandomize=True, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture])
