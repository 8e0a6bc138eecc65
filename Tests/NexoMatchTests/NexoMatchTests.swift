import NexoMatch
import Testing
