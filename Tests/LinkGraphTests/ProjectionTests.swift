import Testing

@testable import LinkGraph

/// People linked through shared things, with the things as evidence.
@Suite struct ProjectionTests {
    @Test func peopleSharingThingsAreLinkedWithTheThingsAsEvidence() {
        // Phones 10 and 11: people 1 and 2 share both, 3 shares 11 only; 4 shares nothing.
        let (links, skipped) = Projection.links([
            (1, 10), (2, 10), (1, 11), (2, 11), (3, 11), (4, 12), (1, 10),
        ])
        #expect(
            links == [
                Projection.Link(first: 1, second: 2, shared: [10, 11]),
                Projection.Link(first: 1, second: 3, shared: [11]),
                Projection.Link(first: 2, second: 3, shared: [11]),
            ])
        #expect(skipped == Projection.Skipped(things: [], pairs: 0))
    }

    @Test func aMinimumOfSharedThingsKeepsTheStrongLinks() {
        let (links, _) = Projection.links([(1, 10), (2, 10), (1, 11), (2, 11), (3, 11)], minShared: 2)
        #expect(links == [Projection.Link(first: 1, second: 2, shared: [10, 11])])
    }

    @Test func aThingSharedByTooManyIsLeftOutAndCounted() {
        var incidence: [(person: Int32, thing: Int32)] = (0..<5).map { (Int32($0), 99) }
        incidence += [(0, 7), (1, 7)]
        let (links, skipped) = Projection.links(incidence, maxPeoplePerThing: 4)
        #expect(links == [Projection.Link(first: 0, second: 1, shared: [7])])
        #expect(skipped == Projection.Skipped(things: [99], pairs: 10))
    }
}
