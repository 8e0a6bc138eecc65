import NexoKit
