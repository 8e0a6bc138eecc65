// Placeholder: module NexoOutput is being written.
