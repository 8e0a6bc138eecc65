import Glibc
import Testing

@testable import LinkGraph

/// Co-travel pairs, their counts, evidence and the chance model.
@Suite struct CoTravelTests {
    private typealias Event = CoTravel.Event
    private static let day: Int64 = 86_400

    /// A guide (0) crosses with three groups at two posts; each group's travellers cross only with
    /// their own group. Person 9 crosses alone at the same posts on other days.
    private static let events: [Event] = {
        var events: [Event] = []
        let trips: [(day: Int64, travellers: [Int32])] = [(10, [1, 2]), (40, [3, 4]), (70, [5, 6])]
        for trip in trips {
            for (offset, post) in [(Int64(0), Int32(100)), (Int64(2), Int32(101))] {
                let time = (trip.day + offset) * day
                events.append(Event(person: 0, place: post, time: time))
                for person in trip.travellers { events.append(Event(person: person, place: post, time: time)) }
            }
        }
        events.append(Event(person: 9, place: 100, time: 11 * day))
        events.append(Event(person: 9, place: 101, time: 90 * day))
        return events
    }()

    /// Per person, the guide is the one who met three groups (one per trip, at two posts each: six occasions),
    /// each traveller met one group (the guide and a companion, twice); person 9 met nobody and is not listed.
    @Test func theGuideMeetsANewGroupOnEveryTrip() throws {
        let pairs = try CoTravel.pairs(Self.events, within: 0, resolution: Self.day)
        let travellers = CoTravel.travellers(Self.events, pairs: pairs)
        #expect(travellers.map(\.person).first == 0)
        #expect(travellers.count == 7)
        let guide = travellers[0]
        #expect((guide.groups, guide.occasions, guide.partners) == (3, 6, 6))
        #expect(guide.events.map { Self.events[Int($0)].time / Self.day } == [10, 12, 40, 42, 70, 72])
        for traveller in travellers.dropFirst() {
            #expect((traveller.groups, traveller.occasions, traveller.partners) == (1, 2, 2), "\(traveller.person)")
        }
        let pairSurprise = pairs.filter { $0.first == 0 || $0.second == 0 }.map(\.surprise).reduce(0, +)
        #expect(abs(guide.surprise - pairSurprise) < 1e-12)
    }

    @Test func pairsAreTheCoOccurrencesAtOnePlaceWithinTheWindow() throws {
        let pairs = try CoTravel.pairs(Self.events, within: 0, resolution: Self.day)
        // Each trip: guide with two travellers, the two travellers together: 3 pairs per trip.
        #expect(pairs.count == 9)
        #expect(pairs.allSatisfy { $0.times == 2 && $0.evidence.count == 2 })
        #expect(!pairs.contains { $0.first == 9 || $0.second == 9 })
        let guideAndOne = try #require(pairs.first { $0.first == 0 && $0.second == 1 })
        #expect(guideAndOne.evidence.map { Self.events[Int($0.first)].person } == [0, 0])
        #expect(guideAndOne.evidence.map { Self.events[Int($0.second)].place } == [100, 101])
    }

    @Test func aWiderWindowFindsTheLoneTravellerOnce() throws {
        let pairs = try CoTravel.pairs(Self.events, within: Self.day, resolution: Self.day)
        let lone = pairs.filter { $0.first == 0 && $0.second == 9 || $0.first == 1 && $0.second == 9 }
        #expect(lone.map(\.times) == [1, 1])
        #expect(try CoTravel.pairs(Self.events, within: Self.day, resolution: Self.day, minTimes: 2).count == 9)
    }

    @Test func whatChanceExplainsIsLessSurprising() throws {
        // 200 people each cross one busy post on 3 days drawn from 300 (a fixed linear congruential
        // sequence): some share a day by chance. Two more cross together on the same 3 days.
        var state: UInt64 = 2027
        func next(_ bound: Int64) -> Int64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int64((state >> 33) % UInt64(bound))
        }
        var events: [Event] = []
        for person in 0..<200 {
            for _ in 0..<3 { events.append(Event(person: Int32(person), place: 1, time: next(300) * Self.day)) }
        }
        for day: Int64 in [17, 145, 260] {
            events.append(Event(person: 500, place: 1, time: day * Self.day))
            events.append(Event(person: 501, place: 1, time: day * Self.day))
        }
        let pairs = try CoTravel.pairs(events, within: 0, resolution: Self.day)
        let planted = try #require(pairs.first)
        #expect(planted.first == 500 && planted.second == 501 && planted.times == 3)
        let chance = pairs.dropFirst()
        #expect(chance.count > 50, "some pairs share a day by chance")
        // Chance pairs share one day, rarely two: each is less surprising than the planted three.
        #expect(chance.allSatisfy { $0.times < 3 && $0.surprise < planted.surprise - 1 })
        #expect(chance.allSatisfy { $0.expected > 0 })
    }

    @Test func thePoissonTailMatchesItsDefinition() {
        // P(X >= 2) for mean 0.5 = 1 - e^-0.5 (1 + 0.5).
        let exact = 1 - exp(-0.5) * 1.5
        #expect(abs(CoTravel.log10PoissonTail(atLeast: 2, mean: 0.5) - log10(exact)) < 1e-12)
        #expect(CoTravel.log10PoissonTail(atLeast: 0, mean: 3) == 0)
        // Tiny tails keep their magnitude: P(X >= 30) for mean 0.01 is about 0.01^30 / 30!.
        let tiny = CoTravel.log10PoissonTail(atLeast: 30, mean: 0.01)
        #expect(tiny < -90 && tiny > -100)
    }

    @Test func badParametersAreRefusedWithTheFix() {
        #expect(throws: CoTravel.Failure.self) { try CoTravel.pairs([], within: -1) }
        #expect(throws: CoTravel.Failure.self) { try CoTravel.pairs([], within: 0, resolution: 0) }
        #expect(throws: CoTravel.Failure.self) { try CoTravel.pairs([], within: 0, minTimes: 0) }
        #expect((try? CoTravel.pairs([], within: 10)) == [])
    }
}
