// Placeholder: module NexoPluginHost is being written.
