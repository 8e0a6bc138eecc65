import NexoKit

/// Every command of the plugin, reads first, then writes.
enum SmugglingCommands {
    static let all: [Command] = [
        NetworkList.command, NetworkShow.command, RouteList.command, RouteShow.command, FacilitatorList.command,
        PaymentList.command, CrossingList.command, MovedList.command,
        NetworkAdd.command, FacilitatorAdd.command, RouteAdd.command, LegAdd.command, LegOperate.command,
        TravelAdd.command,
        PaymentAdd.command, CrossingAdd.command, RouteTax.command,
    ]
}
