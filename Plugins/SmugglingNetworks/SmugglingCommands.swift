import NexoKit

enum SmugglingCommands { static let all: [Command] = [] }
