import NexoKit

/// `run`, `record start|stop`.
extension Builtins {
    static func scriptCommands() -> [RegisteredCommand] {
        [
            session(CommandSpec(["run"], summary: "Run a script file of commands",
                                arguments: [ArgumentSpec("file", .filePath, "Script file")],
                                options: [OptionSpec("param", .string, "A variable for the script, name=value", repeatable: true),
                                          .flag("keep-going", "Continue after a failing command")],
                                examples: ["run weekly.nexo --param network=G-12"])) { args, call in
                try call.shell.runNested(file: args.string("file")!, params: args.all("param").map(\.description),
                                         keepGoing: args.flag("keep-going"))
            },
            session(CommandSpec(["record", "start"], summary: "Record the session as a replayable script with result digests",
                                arguments: [ArgumentSpec("file", .filePath, "Recording file to write")],
                                examples: ["record start session.nexo"])) { args, call in
                try call.shell.startRecording(to: args.string("file")!)
            },
            session(CommandSpec(["record", "stop"], summary: "Stop recording",
                                examples: ["record stop"])) { _, call in
                try call.shell.stopRecording()
            },
        ]
    }
}
