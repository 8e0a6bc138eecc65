import NexoKit

enum GangCommands { static let all: [Command] = [] }
