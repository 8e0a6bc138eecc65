// Placeholder: module NexoStore is being written.
