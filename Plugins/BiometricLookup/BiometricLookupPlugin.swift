import NexoKit

/// Biometric lookup: enrol people's face, fingers and irises, identify 1:N, verify 1:1, explain a
/// comparison, and exchange templates in standard formats — over the host's match engine.
public struct BiometricLookupPlugin: NexoPlugin {
    /// Creates the plugin.
    public init() {}

    public var name: String { "biometric-lookup" }
    public var version: String { "0.1.0" }
    public var summary: String { "Enrol, identify (1:N) and verify (1:1) by face, fingers, irises and biographic data" }

    public var schema: SchemaContribution {
        SchemaContribution(
            entityKinds: [
                EntityKindSpec(
                    BioKinds.watch, idPrefix: "W", summary: "A standing watch: alert when a feed matches its people",
                    properties: [
                        PropertySpec(
                            BioKinds.Watch.target, .oneOf(["gang", "clique", "network", "person", "list"]),
                            summary: "What it watches"),
                        PropertySpec(BioKinds.Watch.list, .string, summary: "The list's name, for a list"),
                        PropertySpec(BioKinds.Watch.note, .string, summary: "Why it exists"),
                        PropertySpec(BioKinds.Watch.removed, .bool, summary: "Ended by 'bio watch remove'"),
                    ])
            ],
            edgeKinds: [
                EdgeKindSpec(
                    BioKinds.matched, summary: "An encounter matched an enrolled person",
                    from: [CoreSchema.Kind.encounter], to: [CoreSchema.Kind.person],
                    properties: [
                        PropertySpec(
                            BioKinds.Matched.fused, .double, summary: "Fused evidence, log10 likelihood ratio"),
                        PropertySpec(
                            BioKinds.Matched.decision, .oneOf(MatchDecision.allCases.map(\.rawValue)),
                            summary: "hit, review or no_hit"
                        ),
                        PropertySpec(BioKinds.Matched.modalities, .string, summary: "Modalities compared"),
                        PropertySpec(BioKinds.Matched.explanation, .string, summary: "Why, one clause per modality"),
                    ]),
                EdgeKindSpec(
                    BioKinds.sameAs, summary: "Two person records are one person (found by 'bio dedupe')",
                    from: [CoreSchema.Kind.person], to: [CoreSchema.Kind.person],
                    properties: [
                        PropertySpec(BioKinds.SameAs.fused, .double, summary: "Evidence, log10 likelihood ratio"),
                        PropertySpec(BioKinds.SameAs.explanation, .string, summary: "The comparison, field by field"),
                    ]),
                EdgeKindSpec(
                    BioKinds.watches, summary: "A watch covers a person, a gang or clique, or a network",
                    from: [BioKinds.watch], to: [CoreSchema.Kind.person, CoreSchema.Kind.group]),
                EdgeKindSpec(
                    BioKinds.alerted, summary: "An encounter raised a watch's alert",
                    from: [CoreSchema.Kind.encounter], to: [BioKinds.watch],
                    properties: [
                        PropertySpec(BioKinds.Alerted.person, .string, summary: "The person matched"),
                        PropertySpec(
                            BioKinds.Alerted.decision, .oneOf(MatchDecision.allCases.map(\.rawValue)),
                            summary: "hit or review"),
                        PropertySpec(
                            BioKinds.Alerted.fused, .double, summary: "Fused evidence, log10 likelihood ratio"),
                        PropertySpec(BioKinds.Alerted.reason, .string, summary: "Why the person falls under the watch"),
                    ]),
            ])
    }

    public var commands: [Command] {
        [
            BioEnroll.command, BioIdentify.command, BioVerify.command, BioExplain.command, BioGallery.command,
            BioExport.command, BioSynth.command,
            BioFeed.command, BioImport.command,
        ] + BioFeedJob.commands + BioWatch.commands + BioIndex.commands
            + [BioCalibrate.command, BioDedupe.command]
    }
}

/// Kind and property names the plugin declares (core ones are ``CoreSchema``'s).
enum BioKinds {
    static let matched = "matched"
    static let watch = "watch"
    static let watches = "watches"
    static let alerted = "alerted"
    static let sameAs = "same_as"

    /// Property names of `same_as`.
    enum SameAs {
        static let fused = "fused"
        static let explanation = "explanation"
    }

    /// Property names of `watch`.
    enum Watch {
        static let target = "target"
        static let list = "list"
        static let note = "note"
        static let removed = "removed"
    }

    /// Property names of `matched`.
    enum Matched {
        static let fused = "fused"
        static let decision = "decision"
        static let modalities = "modalities"
        static let explanation = "explanation"
    }

    /// Property names of `alerted`.
    enum Alerted {
        static let person = "person"
        static let decision = "decision"
        static let fused = "fused"
        static let reason = "reason"
    }
}
