// The compiler's prefetch hint, which Swift cannot spell: a read of `address` is coming soon, keep
// it in every cache level. Header-only; wrapped by NexoMatch's FaceKernels.prefetch.
static inline void nexo_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }
