import NexoWorld
import Testing
