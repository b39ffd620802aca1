import AAPStorage
import Foundation
import PostgresNIO

/// One connection to PostgreSQL used from synchronous code: its own one-thread event loop group,
/// and every statement waited for with `.wait()`.
///
/// postgres-nio is asynchronous; the CLI and the store are synchronous and never run on an event
/// loop thread, so blocking the calling thread until the answer comes is the simplest correct
/// bridge (a `.wait()` on the loop's own thread would deadlock, and none of ours ever runs there).
/// A session is used by one thread at a time: ``PostgresEventLog`` holds a lock around it.
final class PostgresSession: @unchecked Sendable {
    let address: PostgresAddress
    private let group: MultiThreadedEventLoopGroup
    private let connection: PostgresConnection
    private let logger: Logger
    private let inFlight = PostgresInFlightQuery()
    private let lock = NSLock()
    private var closed = false
    /// Set when a statement fails because the connection closed under it.
    private var lost = false

    /// Connects to `address` as its user with `password`. Throws ``StorageError/io(_:)`` with a
    /// French line when the server cannot be reached or refuses the login.
    init(address: PostgresAddress, password: String?, connectTimeout: TimeAmount = .seconds(10)) throws {
        self.address = address
        var logger = Logger(label: "aap.postgres")
        logger.logLevel = .critical
        self.logger = logger
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        do {
            var configuration = PostgresConnection.Configuration(
                host: address.host, port: address.port, username: address.user, password: password,
                database: address.database, tls: try Self.tls(address.tls)
            )
            configuration.options.connectTimeout = connectTimeout
            connection = try PostgresConnection.connect(
                on: group.next(), configuration: configuration, id: 1, logger: logger
            ).wait()
        } catch {
            try? group.syncShutdownGracefully()
            throw PostgresErrorText.connecting(to: address, error)
        }
        self.group = group
        connection.closeFuture.whenComplete { [inFlight] _ in inFlight.connectionClosed() }
    }

    deinit {
        close()
    }

    /// Runs `query` and returns every row of its answer, or throws when the connection closes
    /// first (see ``PostgresInFlightQuery``).
    @discardableResult
    func run(_ query: PostgresQuery) throws -> PostgresQueryResult {
        let answer = connection.eventLoop.makePromise(of: PostgresQueryResult.self)
        defer { inFlight.finish() }
        do {
            guard inFlight.start(answer) else { throw PostgresInFlightQuery.ConnectionLost() }
            connection.query(query, logger: logger).cascade(to: answer)
            return try answer.futureResult.wait()
        } catch is PostgresInFlightQuery.ConnectionLost {
            lock.withLock { lost = true }
            answer.fail(PostgresInFlightQuery.ConnectionLost())
            throw StorageError.io(
                "La connexion au serveur PostgreSQL \(address) a été perdue : ce qui n'était pas validé (COMMIT) n'a pas été écrit"
            )
        } catch {
            if PostgresErrorText.isConnectionLoss(error) { lock.withLock { lost = true } }
            throw PostgresErrorText.running(on: address, error)
        }
    }

    /// Runs `COMMIT`. When the connection is lost while it runs, nobody can tell whether the
    /// server committed before it went: the error says so, and how to find out.
    func commit() throws {
        do {
            try run("COMMIT")
        } catch let error as StorageError {
            guard lostConnection else { throw error }
            throw StorageError.io(
                "La connexion au serveur PostgreSQL \(address) a été perdue pendant la validation (COMMIT) : l'écriture a pu être enregistrée ou non ; vérifiez-le (aap case show, aap audit verify) avant de la refaire"
            )
        }
    }

    /// Whether the last statement failed because the connection was lost.
    private var lostConnection: Bool {
        lock.withLock { lost }
    }

    /// Closes the connection and stops its thread; later statements fail.
    func close() {
        let first = lock.withLock {
            defer { closed = true }
            return !closed
        }
        guard first else { return }
        try? connection.close().wait()
        try? group.syncShutdownGracefully()
    }

    private static func tls(_ mode: PostgresAddress.TLSMode) throws -> PostgresConnection.Configuration.TLS {
        var unchecked = TLSConfiguration.makeClientConfiguration()
        unchecked.certificateVerification = .none
        switch mode {
        case .disable:
            return .disable
        case .prefer:
            return .prefer(try NIOSSLContext(configuration: unchecked))
        case .require:
            return .require(try NIOSSLContext(configuration: unchecked))
        case .verifyFull:
            return .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
    }
}
