// Intentionally empty: the target only provides dxfuzz_main.
