import Glibc

/// Co-travel: people who are recorded at the same place within a time window, repeatedly, ranked by
/// how unlikely that is by chance given each person's own record.
///
/// Input is a list of events (a person at a place at a time: a crossing at a border post, an
/// encounter). Two events co-occur when they are at the same place, of different people, and at
/// most `within` apart. A pair of people co-travelled `times` times: the number of the first
/// person's events that co-occur with one of the second's, or the other way round, whichever is
/// smaller (three co-crossings count three times, however many events each side recorded).
///
/// The chance model, learned from the events themselves: each person's events at a place are
/// taken as spread uniformly over the observed span `T` (first to last event of the whole input,
/// plus one `resolution`). One event of `a` at place `p` then meets one of `b`'s `n` events there
/// with probability `1 − (1 − L/T)^n`, where `L = 2·within + resolution` is the window an event
/// covers. The expected number of co-occurrences `λ` sums that over `a`'s events (and, the other
/// way, over `b`'s; the larger is kept, so the figure is conservative), and the surprise is
/// `−log10 P(X ≥ times)` for `X ~ Poisson(λ)`. A guide who crosses with many groups meets each of
/// his travellers only on their trip, but every one of those meetings is improbable by chance.
public enum CoTravel {
    /// One recorded presence: who, where, when (seconds on any fixed scale), and its position in the
    /// caller's own list (returned as evidence).
    public struct Event: Sendable, Hashable {
        /// The person (the caller's index).
        public var person: Int32
        /// The place (the caller's index): a border post.
        public var place: Int32
        /// When, in seconds.
        public var time: Int64
        /// Creates an event.
        public init(person: Int32, place: Int32, time: Int64) {
            self.person = person
            self.place = place
            self.time = time
        }
    }

    /// Two people who co-travelled, with the evidence.
    public struct Pair: Sendable, Hashable {
        /// The person with the smaller index.
        public var first: Int32
        /// The other person.
        public var second: Int32
        /// How many times they co-travelled (see ``CoTravel``).
        public var times: Int
        /// How many co-occurrences chance alone would give (λ).
        public var expected: Double
        /// `−log10` of the chance of at least ``times`` co-occurrences (larger is less likely).
        public var surprise: Double
        /// The co-occurring events, as indexes into the input: (first's event, second's event).
        public var evidence: [EventPair]
    }

    /// Two co-occurring events, as indexes into the input list.
    public struct EventPair: Sendable, Hashable {
        /// The first person's event.
        public var first: Int32
        /// The second person's event.
        public var second: Int32
    }

    /// Bad input.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        /// A window or resolution that is negative, or a minimum below 1.
        case invalidParameter(String)

        /// One line saying what is wrong and how to fix it.
        public var description: String {
            switch self {
            case .invalidParameter(let text): text
            }
        }
    }

    /// The pairs that co-travelled at least `minTimes` times, most surprising first (ties: more
    /// times first, then by person indexes). `resolution` is the precision of the times (86,400 for
    /// events known to the day); `within` is the window in the same unit.
    ///
    /// Cost: events are grouped by place and sorted by time; each event is compared with the events
    /// of its place inside its window, so the work grows with the number of co-occurring event pairs.
    public static func pairs(
        _ events: [Event], within: Int64, resolution: Int64 = 1, minTimes: Int = 1
    ) throws(Failure) -> [Pair] {
        guard within >= 0 else {
            throw .invalidParameter("the window must not be negative (given \(within)); use 0 for the same instant")
        }
        guard resolution >= 1 else {
            throw .invalidParameter("the time resolution must be at least 1 (given \(resolution))")
        }
        guard minTimes >= 1 else {
            throw .invalidParameter("the minimum number of times must be at least 1 (given \(minTimes))")
        }
        guard let first = events.map(\.time).min(), let last = events.map(\.time).max() else { return [] }
        let span = Double(last - first) + Double(resolution)
        let covered = min(1, Double(2 * within + resolution) / span)

        // Events of each place in time order.
        let order = events.indices.sorted {
            (events[$0].place, events[$0].time, $0) < (events[$1].place, events[$1].time, $1)
        }
        var meetings: [UInt64: [EventPair]] = [:]
        var start = 0
        while start < order.count {
            var end = start
            let place = events[order[start]].place
            while end < order.count && events[order[end]].place == place { end += 1 }
            for i in start..<end {
                let a = events[order[i]]
                var j = i + 1
                while j < end, events[order[j]].time - a.time <= within {
                    let b = events[order[j]]
                    if a.person != b.person {
                        let (low, high) = a.person < b.person ? (order[i], order[j]) : (order[j], order[i])
                        let key = pairKey(events[low].person, events[high].person)
                        meetings[key, default: []].append(EventPair(first: Int32(low), second: Int32(high)))
                    }
                    j += 1
                }
            }
            start = end
        }

        // Each person's number of events per place, for the chance model.
        var perPlace: [UInt64: Int] = [:]
        var eventsOf: [Int32: [Int32]] = [:]
        for (index, event) in events.enumerated() {
            perPlace[pairKey(event.person, event.place), default: 0] += 1
            eventsOf[event.person, default: []].append(Int32(index))
        }
        func expected(_ a: Int32, meeting b: Int32) -> Double {
            var sum = 0.0
            for index in eventsOf[a] ?? [] {
                let n = perPlace[pairKey(b, events[Int(index)].place)] ?? 0
                if n > 0 { sum += 1 - Self.power(1 - covered, n) }
            }
            return sum
        }

        var result: [Pair] = []
        for (key, found) in meetings {
            let a = Int32(truncatingIfNeeded: key >> 32), b = Int32(truncatingIfNeeded: key & 0xFFFF_FFFF)
            let times = min(Set(found.map(\.first)).count, Set(found.map(\.second)).count)
            guard times >= minTimes else { continue }
            let lambda = max(expected(a, meeting: b), expected(b, meeting: a))
            let evidence = found.sorted { ($0.first, $0.second) < ($1.first, $1.second) }
            result.append(
                Pair(
                    first: a, second: b, times: times, expected: lambda,
                    surprise: -log10PoissonTail(atLeast: times, mean: lambda), evidence: evidence))
        }
        return result.sorted {
            ($1.surprise, $0.times, $1.first, $1.second) < ($0.surprise, $1.times, $0.first, $0.second)
        }
    }

    private static func pairKey(_ a: Int32, _ b: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b))
    }

    private static func power(_ base: Double, _ exponent: Int) -> Double {
        var result = 1.0, factor = base, n = exponent
        while n > 0 {
            if n & 1 == 1 { result *= factor }
            factor *= factor
            n >>= 1
        }
        return result
    }

    /// `log10 P(X ≥ k)` for `X ~ Poisson(mean)`, computed in log space so that tiny probabilities
    /// (a guide's dozen improbable meetings) keep their magnitude instead of rounding to zero.
    static func log10PoissonTail(atLeast k: Int, mean: Double) -> Double {
        guard k > 0 else { return 0 }
        guard mean > 0 else { return -Double.infinity }
        // P(X ≥ k) = Σ_{j ≥ k} e^{−m} m^j / j!: sum the terms from j = k in log space until they
        // stop mattering (at most a few hundred terms past the mode).
        let logMean = log(mean)
        var logTerm = -mean + Double(k) * logMean - logFactorial(k)
        var logSum = logTerm
        var j = k
        while j < k + 10_000 {
            j += 1
            logTerm += logMean - log(Double(j))
            if logTerm < logSum - 40 && Double(j) > mean { break }
            logSum = logAdd(logSum, logTerm)
        }
        return min(0, logSum / log(10))
    }

    private static func logAdd(_ a: Double, _ b: Double) -> Double {
        let high = max(a, b), low = min(a, b)
        return high + log1p(exp(low - high))
    }

    private static func logFactorial(_ n: Int) -> Double {
        var sum = 0.0
        if n > 1 { for value in 2...n { sum += log(Double(value)) } }
        return sum
    }
}
