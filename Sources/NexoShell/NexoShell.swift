// Placeholder: module NexoShell is being written.
