// Placeholder: module NexoLineEditor is being written.
