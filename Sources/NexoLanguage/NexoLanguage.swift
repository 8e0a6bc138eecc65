// Placeholder: module NexoLanguage is being written.
