import NexoKit

/// Who is running a command, where, and why: what every policy decision sees.
public struct CommandRequest: Sendable {
    /// The command's spec.
    public var spec: CommandSpec
    /// Plugin (or `core`) that provides it.
    public var owner: CommandOwner
    /// Validated arguments.
    public var arguments: ParsedArguments
    /// The user.
    public var user: String
    /// The case in use, if any.
    public var currentCase: CaseInfo?
    /// The statement text as typed.
    public var text: String
}

/// Decides whether a user may run a command (roles, case membership, need-to-know).
///
/// The dispatcher asks exactly once per command, before the store is touched. The current
/// policy lets every local user run every command; the access-control issue replaces it.
public protocol AccessPolicy: Sendable {
    /// Throws `NexoError(.denied, …)` when the request is not allowed.
    func authorize(_ request: CommandRequest) throws(NexoError)
}

/// Lets everyone do everything: a single-user workstation with no roles configured.
public struct OpenAccessPolicy: AccessPolicy {
    /// Creates the policy.
    public init() {}
    /// Allows the request.
    public func authorize(_ request: CommandRequest) throws(NexoError) {}
}

/// What may leave the system (exports, and later partner exchange). The dispatcher passes
/// every command that declares an egress path through this gate before it runs.
public protocol EgressGate: Sendable {
    /// Throws `NexoError(.denied, …)` when the data may not leave to `destination`.
    func allow(_ request: CommandRequest, destination: String) throws(NexoError)
}

/// The checks the dispatcher puts every command through: who may run it, where its data may go.
struct CommandGuards {
    /// Asked once per command, before the store is touched.
    let access: any AccessPolicy
    /// Asked for every command that sends data out, and for every file a plugin writes.
    let egress: any EgressGate
}

/// Allows local file exports; the sharing-policy issue replaces it.
public struct LocalExportGate: EgressGate {
    /// Creates the gate.
    public init() {}
    /// Allows the export.
    public func allow(_ request: CommandRequest, destination: String) throws(NexoError) {}
}
