"""Generated, realistic task books: the bundled demo database and the benchmarks' data."""
