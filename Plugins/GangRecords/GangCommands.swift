import NexoKit

/// Every command of the plugin, reads first ('help' lists them by name).
///
/// Words: reads are nouns (`gang members`, `gang territory`), structure is added with
/// `<noun> add` (`gang add`, `gang clique add`, `gang territory add`, `gang rival add`), and
/// events in a person's life are verbs (`gang enroll`, `gang leave`, `gang jail`, `gang release`).
enum GangCommands {
    static let all: [Command] = [
        GangList.command, GangShow.command, GangCliques.command, GangMembers.command, GangHistory.command,
        GangMoniker.command, GangTerritory.command, GangRivals.command,
        GangAdd.command, GangCliqueAdd.command, GangEnroll.command, GangLeave.command,
        GangTerritoryAdd.command, GangRivalAdd.command, GangJail.command, GangRelease.command,
    ]
}
