// Placeholder until the Face benchmark lands: prints usage and fails.
print("nexo-bench-face: not written yet")
