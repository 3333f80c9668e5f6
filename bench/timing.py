"""Timing shared by the numpy reference scripts of bench/: the best wall time of repeated calls."""
import time


def best_seconds(fn, min_repeats=3, min_seconds=0.5, max_repeats=20):
    """Best of at least `min_repeats` calls (and at least `min_seconds` in all), after a warm-up."""
    fn()
    best, spent, i = float("inf"), 0.0, 0
    while i < max_repeats and (i < min_repeats or spent < min_seconds):
        t0 = time.perf_counter()
        fn()
        dt = time.perf_counter() - t0
        best, spent, i = min(best, dt), spent + dt, i + 1
    return best
