import ArgumentParser
import Foundation
import Logging
import ModerationAPI
import PolicyEngine
import SchoolStore

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP API (checks, submissions, the directie's review queue, consent) over the school database.",
        discussion: """
            Callers authenticate with bearer tokens from `moderate staff token issue`. The API is described \
            at /openapi.yaml; /health and /metrics need no token. Stop with Ctrl-C (or SIGTERM): requests \
            in flight are finished first.
            """
    )

    @Option(help: "Address to listen on.") var host: String = "127.0.0.1"
    @Option(help: "Port to listen on.") var port: Int = 8080
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.") var logLevel: String = "info"
    @Option(help: "Threads for network I/O (default: half the cores, at least one).") var ioThreads: Int?
    @Option(help: "Open connections one client address may hold (default: 128).") var maxConnectionsPerClient: Int?
    @Flag(help: "Mark the web pages' cookies Secure (when the pages are reached over HTTPS, directly or through a proxy).")
    var secureCookies = false
    @OptionGroup var pack: PackOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("--port must be from 1 to 65535") }
        if let ioThreads, !(1...256).contains(ioThreads) { throw ValidationError("--io-threads must be from 1 to 256") }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() async throws {
        let engine: Engine
        do { engine = Engine(pack: try pack.loadPack()) } catch { throw failInput(error) }
        let database = try store.open()
        // Fail at start, not on the first request, when the school has not been set up.
        _ = try storeOperation { try database.context(now: Date()) }
        let service = try storeOperation {
            try ModerationService(store: database, engine: engine, web: WebSettings(secureCookies: secureCookies))
        }
        let configuration = APIConfiguration(
            host: host, port: port, logLevel: Logger.Level(rawValue: logLevel)!, ioThreads: ioThreads,
            maxConnectionsPerAddress: maxConnectionsPerClient)
        Console.error(
            "moderate: serving \(database.location) on http://\(host):\(port) (pages at /inloggen, API description at /openapi.yaml)")
        try await buildApplication(service, configuration: configuration).runService()
    }
}
