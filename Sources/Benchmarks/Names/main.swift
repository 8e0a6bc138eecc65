// Placeholder until the Names benchmark lands: prints usage and fails.
print("nexo-bench-names: not written yet")
