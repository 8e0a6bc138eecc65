import Testing

@testable import LinkGraph

/// Two routes from 0 to 3: the short 0-1-3 and the long 0-2-4-3.
@Suite struct TimeRespectingPaths {
    let graph: AnalysisGraph
    init() throws {
        graph = try AnalysisGraph(nodeCount: 5, edges: [(0, 1), (1, 3), (0, 2), (2, 4), (4, 3)])
    }

    /// 0-1 only on day 10 but 1-3 only on days 1 to 5: the short route runs backwards in time. The long route
    /// goes 0-2 on day 2 (valid 2...3), 2-4 on day 4 (valid 4...6), 4-3 the same day (undated, always valid).
    let dated = [
        DatedEdge(0, 1, validity: DayInterval(from: 10, to: 10)),
        DatedEdge(1, 3, validity: DayInterval(from: 1, to: 5)),
        DatedEdge(0, 2, validity: DayInterval(from: 2, to: 3)),
        DatedEdge(4, 2, validity: DayInterval(from: 4, to: 6)),
    ]

    @Test func timeRespectingPathDiffersFromTheShortest() throws {
        #expect(try graph.shortestPath(from: 0, to: 3) == [0, 1, 3])
        let path = try graph.earliestArrivalPath(from: 0, to: 3, edgeIntervals: dated)
        #expect(path == TimedPath(nodes: [0, 2, 4, 3], days: [2, 4, 4]))
    }

    @Test func noTimeRespectingPathWhenEveryRouteGoesBackInTime() throws {
        var backwards = dated
        backwards[3] = DatedEdge(2, 4, validity: DayInterval(from: 1, to: 1))
        #expect(try graph.earliestArrivalPath(from: 0, to: 3, edgeIntervals: backwards) == nil)
    }

    @Test func windowBoundsEveryHop() throws {
        let late = try graph.earliestArrivalPath(from: 0, to: 3, edgeIntervals: dated, window: DayInterval(from: 3))
        #expect(late == TimedPath(nodes: [0, 2, 4, 3], days: [3, 4, 4]))
        #expect(try graph.earliestArrivalPath(from: 0, to: 3, edgeIntervals: dated, window: DayInterval(to: 3)) == nil)
    }

    @Test func anEdgeListedTwiceIsValidInEitherInterval() throws {
        let again = dated + [DatedEdge(1, 3, validity: DayInterval(from: 12, to: 14))]
        // The long route still arrives first (day 4); within 2 hops the short one works on days 10 and 12.
        #expect(try graph.earliestArrivalPath(from: 0, to: 3, edgeIntervals: again)?.nodes == [0, 2, 4, 3])
        let short = try graph.earliestArrivalPath(from: 0, to: 3, edgeIntervals: again, limits: PathLimits(maxHops: 2))
        #expect(short == TimedPath(nodes: [0, 1, 3], days: [10, 12]))
        #expect(
            try graph.earliestArrivalPath(from: 0, to: 3, edgeIntervals: dated, limits: PathLimits(maxHops: 2)) == nil)
    }

    @Test func undatedEdgesHaveNoDay() throws {
        let path = try graph.earliestArrivalPath(from: 0, to: 3, edgeIntervals: [])
        #expect(path == TimedPath(nodes: [0, 1, 3], days: [nil, nil]))
    }

    @Test func earliestArrivalNeedsNotBeFewestHopsButIsFewestAmongEarliest() throws {
        // 0-3 directly only on day 9; 0-1-2-3 all open: arrives with no bound, earlier than day 9.
        let square = try AnalysisGraph(nodeCount: 4, edges: [(0, 3), (0, 1), (1, 2), (2, 3), (0, 2)])
        let late = [DatedEdge(0, 3, validity: DayInterval(from: 9))]
        let path = try square.earliestArrivalPath(from: 0, to: 3, edgeIntervals: late)
        #expect(path == TimedPath(nodes: [0, 2, 3], days: [nil, nil]))
    }

    @Test func badIntervalsSayWhatToFix() {
        #expect(throws: GraphError.intervalOffGraph(u: 0, v: 3)) {
            try graph.earliestArrivalPath(from: 0, to: 3, edgeIntervals: [DatedEdge(0, 3, validity: DayInterval())])
        }
        #expect(
            GraphError.intervalOffGraph(u: 0, v: 3).description
                == "a validity interval is given for 0–3, which is not an edge: date only edges of the graph")
        let reversed = DatedEdge(0, 1, validity: DayInterval(from: 5, to: 4))
        #expect(throws: GraphError.emptyInterval(u: 0, v: 1, from: 5, to: 4)) {
            try graph.earliestArrivalPath(from: 0, to: 3, edgeIntervals: [reversed])
        }
        #expect(throws: GraphError.emptyWindow(from: 5, to: 4)) {
            try graph.earliestArrivalPath(from: 0, to: 3, edgeIntervals: [], window: DayInterval(from: 5, to: 4))
        }
        #expect(
            GraphError.emptyWindow(from: 5, to: 4).description
                == "the window from day 5 to day 4 is empty: give a window whose start is not after its end")
    }
}
