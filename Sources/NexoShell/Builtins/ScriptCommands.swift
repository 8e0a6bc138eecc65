import NexoKit

/// `run`, `record start|stop`.
extension Builtins {
    /// Argument and options of `run`.
    enum Run {
        static let file = ArgumentKey("file", .filePath, "Script file")
        static let param = RepeatableOptionKey("param", .string, "A variable for the script, name=value")
        static let keepGoing = FlagKey("keep-going", "Continue after a failing command")
        static let lenientEncoding = FlagKey(
            "lenient-encoding",
            "Replace invalid UTF-8 with U+FFFD (and warn with a count) instead of refusing the script")
    }

    /// The argument of `record start`.
    enum RecordStart {
        static let file = ArgumentKey("file", .filePath, "Recording file to write")
    }

    static func scriptCommands() -> [RegisteredCommand] {
        [
            session(
                CommandSpec(
                    ["run"], summary: "Run a script file of commands",
                    discussion: "The script must be UTF-8 (a byte-order mark at its start is skipped): invalid UTF-8 "
                        + "is refused with file:line:byte (the byte counted from 1 within the line), "
                        + "unless --lenient-encoding.",
                    arguments: [Run.file], options: [Run.param, Run.keepGoing, Run.lenientEncoding],
                    examples: ["run weekly.nexo --param network=G-12"])
            ) { args, call in
                try call.scripts.runNested(
                    file: try args[Run.file], params: args[Run.param], keepGoing: args[Run.keepGoing],
                    lenientEncoding: args[Run.lenientEncoding])
            },
            session(
                CommandSpec(
                    ["record", "start"], summary: "Record the session as a replayable script with result digests",
                    arguments: [RecordStart.file],
                    examples: ["record start session.nexo"])
            ) { args, call in
                try call.scripts.startRecording(to: try args[RecordStart.file])
            },
            session(
                CommandSpec(
                    ["record", "stop"], summary: "Stop recording",
                    examples: ["record stop"])
            ) { _, call in
                try call.scripts.stopRecording()
            },
        ]
    }
}
