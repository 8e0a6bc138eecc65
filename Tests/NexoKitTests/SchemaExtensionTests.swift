import NexoKit
import Testing

@Suite struct SchemaExtensionTests {
    let person = EntityKindSpec(
        "person", idPrefix: "P", summary: "A person",
        properties: [PropertySpec("surnames", .string)])
    let memberOf = EdgeKindSpec("member_of", summary: "Belongs to", properties: [PropertySpec("role", .string)])

    @Test func extensionsAddPropertiesToOthersKinds() throws {
        var schema = Schema()
        try schema.add(SchemaContribution(entityKinds: [person], edgeKinds: [memberOf]), from: "core")
        try schema.add(
            SchemaContribution(
                entityExtensions: [KindExtension("person", properties: [PropertySpec("tattoos", .string)])],
                edgeExtensions: [KindExtension("member_of", properties: [PropertySpec("moniker", .string)])]),
            from: "gangs")
        #expect(schema.entityKinds["person"]?.properties.map(\.name) == ["surnames", "tattoos"])
        #expect(schema.edgeKinds["member_of"]?.properties.map(\.name) == ["role", "moniker"])
        #expect(schema.owners["entity:person"] == "core")
    }

    @Test func identicalPropertyTwiceIsAllowedDifferentIsNot() throws {
        var schema = Schema()
        try schema.add(SchemaContribution(entityKinds: [person]), from: "core")
        let tattoos = KindExtension("person", properties: [PropertySpec("tattoos", .string)])
        try schema.add(SchemaContribution(entityExtensions: [tattoos]), from: "gangs")
        try schema.add(SchemaContribution(entityExtensions: [tattoos]), from: "prisons")
        #expect(schema.entityKinds["person"]?.properties.count == 2)
        #expect(
            throws: NexoError(
                .conflict, "ink adds property 'tattoos' to entity kind 'person', which already declares it differently",
                hint: "use another property name or the same declaration")
        ) {
            try schema.add(
                SchemaContribution(entityExtensions: [
                    KindExtension("person", properties: [PropertySpec("tattoos", .int)])
                ]),
                from: "ink")
        }
    }

    @Test func unknownKindOrRequiredPropertyIsRefusedAndNothingIsAdded() throws {
        var schema = Schema()
        try schema.add(SchemaContribution(entityKinds: [person]), from: "core")
        let vessel = EntityKindSpec("vessel", idPrefix: "VS", summary: "A boat")
        #expect(throws: NexoError.self) {
            try schema.add(
                SchemaContribution(
                    entityKinds: [vessel],
                    entityExtensions: [KindExtension("route", properties: [PropertySpec("x", .string)])]),
                from: "boats")
        }
        #expect(schema.entityKindNames == ["person"], "a failed contribution adds nothing")
        #expect(throws: NexoError.self) {
            try schema.add(
                SchemaContribution(entityExtensions: [
                    KindExtension("person", properties: [PropertySpec("x", .string, required: true)])
                ]),
                from: "strict")
        }
    }
}

@Suite struct SourceOptionsTests {
    @Test func parsesGradings() throws {
        let (r, c) = try SourceOptions.parseGrading("b2")
        #expect(r == .b && c == .probablyTrue)
        for bad in ["", "B", "B7", "G1", "B22", "2B"] {
            #expect(throws: NexoError.self, "\(bad)") { try SourceOptions.parseGrading(bad) }
        }
    }
}
