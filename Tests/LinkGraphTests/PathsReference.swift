// Produced by networkx 3.6.1 (the venv at .build/venv-link) on the graphs of NetworkxReference:
// K = nx.karate_club_graph(), F = nx.florentine_families_graph() plus the isolated Pucci, nodes as there.
// Paths between karate nodes 16 and 25; weighted ones read K's "weight" as a cost. Values printed with repr.
enum PathsReference {
    /// sorted(nx.all_shortest_paths(K, 16, 25))
    static let karateAllShortest: [[Int32]] = [[16, 5, 0, 31, 25], [16, 6, 0, 31, 25]]
    /// sorted(nx.all_shortest_paths(K, 16, 25, weight="weight")); nx.shortest_path_length(..., weight="weight") == 12
    static let karateWeightedAllShortest: [[Int32]] = [[16, 5, 0, 31, 24, 25], [16, 6, 0, 31, 24, 25]]
    static let karateWeightedLength = 12.0
    /// Cheapest paths of at most 4 edges: min and argmins of nx.path_weight(K, p, "weight") over
    /// nx.all_simple_paths(K, 16, 25, cutoff=4) (cost 15); with cutoff=5 they are karateWeightedAllShortest.
    static let karateWeightedWithin4Hops: [[Int32]] = [[16, 5, 0, 31, 25], [16, 6, 0, 31, 25]]
    static let karateWeightedWithin4HopsLength = 15.0
    /// list(islice(nx.shortest_simple_paths(K, 16, 25), 12))
    static let karateYen: [[Int32]] = [
        [16, 5, 0, 31, 25],
        [16, 6, 0, 31, 25],
        [16, 5, 6, 0, 31, 25],
        [16, 5, 0, 31, 24, 25],
        [16, 6, 4, 0, 31, 25],
        [16, 6, 0, 31, 24, 25],
        [16, 5, 10, 0, 31, 25],
        [16, 6, 5, 0, 31, 25],
        [16, 5, 0, 2, 27, 23, 25],
        [16, 6, 0, 2, 27, 23, 25],
        [16, 5, 6, 4, 0, 31, 25],
        [16, 5, 6, 0, 31, 24, 25],
    ]
    /// list(islice(nx.shortest_simple_paths(K, 16, 25, weight="weight"), 10)); their nx.path_weight:
    /// [12, 12, 14, 14, 15, 15, 16, 17, 17, 17]
    static let karateWeightedYen: [[Int32]] = [
        [16, 5, 0, 31, 24, 25],
        [16, 6, 0, 31, 24, 25],
        [16, 5, 10, 0, 31, 24, 25],
        [16, 6, 4, 0, 31, 24, 25],
        [16, 5, 0, 31, 25],
        [16, 6, 0, 31, 25],
        [16, 6, 4, 10, 0, 31, 24, 25],
        [16, 5, 0, 19, 33, 31, 24, 25],
        [16, 6, 0, 19, 33, 31, 24, 25],
        [16, 5, 6, 0, 31, 24, 25],
    ]
    /// nx.constraint(K), node by node
    static let karateConstraint: [Double] = [
        0.15542329764660495,
        0.27953510802469134,
        0.18517663966049383,
        0.3966596472050754,
        0.5294174382716048,
        0.4774848090277778,
        0.4774848090277778,
        0.44271158854166665,
        0.3036007136678201,
        0.5,
        0.5294174382716048,
        1.0,
        0.6225043402777779,
        0.32333541666666676,
        0.5736795943867743,
        0.5736795943867743,
        0.78125,
        0.590868537808642,
        0.5736795943867743,
        0.37371935013717417,
        0.5736795943867743,
        0.590868537808642,
        0.5736795943867743,
        0.30582372164552096,
        0.4598765432098765,
        0.4598765432098765,
        0.6709018166089966,
        0.2850692041522491,
        0.3869131530607885,
        0.44940900134563627,
        0.3460064638600538,
        0.24457540369088815,
        0.24922336227519323,
        0.15641868512110724,
    ]
    /// nx.constraint(F), node by node; nan for the isolated Pucci
    static let florentineConstraint: [Double] = [
        1.0,
        0.2098765432098766,
        0.48225308641975306,
        0.6558641975308641,
        0.4583333333333333,
        0.5,
        0.4598765432098765,
        0.4598765432098765,
        0.3333333333333333,
        0.5,
        1.0,
        0.48225308641975306,
        0.25,
        1.0,
        1.0,
        .nan,
    ]
}
