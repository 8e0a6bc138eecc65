import NexoKit

/// `run`, `record start|stop`.
extension Builtins {
    static func scriptCommands() -> [RegisteredCommand] {
        [
            session(
                CommandSpec(
                    ["run"], summary: "Run a script file of commands",
                    discussion: "The script must be UTF-8 (a byte-order mark at its start is skipped): invalid UTF-8 "
                        + "is refused with file:line:byte (the byte counted from 1 within the line), unless --lenient-encoding.",
                    arguments: [ArgumentSpec("file", .filePath, "Script file")],
                    options: [
                        OptionSpec("param", .string, "A variable for the script, name=value", repeatable: true),
                        .flag("keep-going", "Continue after a failing command"),
                        .flag(
                            "lenient-encoding",
                            "Replace invalid UTF-8 with U+FFFD (and warn with a count) instead of refusing the script"),
                    ],
                    examples: ["run weekly.nexo --param network=G-12"])
            ) { args, call in
                try call.shell.runNested(
                    file: args.string("file")!, params: args.all("param").map(\.description),
                    keepGoing: args.flag("keep-going"), lenientEncoding: args.flag("lenient-encoding"))
            },
            session(
                CommandSpec(
                    ["record", "start"], summary: "Record the session as a replayable script with result digests",
                    arguments: [ArgumentSpec("file", .filePath, "Recording file to write")],
                    examples: ["record start session.nexo"])
            ) { args, call in
                try call.shell.startRecording(to: args.string("file")!)
            },
            session(
                CommandSpec(
                    ["record", "stop"], summary: "Stop recording",
                    examples: ["record stop"])
            ) { _, call in
                try call.shell.stopRecording()
            },
        ]
    }
}
