import MastheadTesting
import Testing

/// Runs each test of a suite once per available engine: on SQLite, then on
/// PostgreSQL when `MASTHEAD_TEST_POSTGRES_URL` is set (issue #19: the web suites
/// that touch content run on both). `withTestApp` reads the engine from
/// `TestEngine.current`; a test that names its own `databaseURL` keeps it.
struct EveryEngine: SuiteTrait, TestTrait, TestScoping {
    var isRecursive: Bool { true }

    func scopeProvider(for test: Test, testCase: Test.Case?) -> EveryEngine? {
        testCase == nil ? nil : self  // each test case, not the suite as a whole
    }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        for engine in TestEngine.available {
            do {
                try await TestEngine.$current.withValue(engine) { try await function() }
            } catch {
                throw EngineFailure(engine: engine, error: error)
            }
        }
    }

    /// Says which engine a thrown error came from.
    struct EngineFailure: Error, CustomStringConvertible {
        var engine: TestEngine
        var error: any Error
        var description: String { "on \(engine): \(error)" }
    }
}

extension Trait where Self == EveryEngine {
    /// Each test of the suite on SQLite and, when the tests have a server, PostgreSQL.
    static var onEveryEngine: Self { EveryEngine() }
}
