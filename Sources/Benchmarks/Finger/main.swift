// Placeholder until the Finger benchmark lands: prints usage and fails.
print("nexo-bench-finger: not written yet")
