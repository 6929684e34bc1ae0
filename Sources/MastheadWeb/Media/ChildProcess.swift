import Dispatch
import Glibc

/// A child program started with `posix_spawn` and reaped with `waitpid`.
///
/// Not Foundation's `Process`: on Linux its `run()` crashed the server (a bad pointer
/// in a `memcpy` while it copied the environment) when uploads' children started
/// under full load, even with every launch behind one lock. `posix_spawn` copies
/// nothing of ours after the fork, so there is no such state to race on.
public struct ChildProcess: Sendable {
    public let pid: pid_t

    /// How a child ended.
    public enum Termination: Sendable, Equatable, CustomStringConvertible {
        case exited(Int32)
        case signalled(Int32)

        public var succeeded: Bool { self == .exited(0) }

        public var description: String {
            switch self {
            case .exited(let status): "stopped with status \(status)"
            case .signalled(let signal): "was stopped by signal \(signal)"
            }
        }
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Starts `executable` (a path, never a shell) with `arguments`. Its standard input
    /// and error are `/dev/null`; its standard output is `standardOutput` when given
    /// (a descriptor the caller keeps and closes), else `/dev/null`. Signal handling
    /// starts from the defaults: the server may block signals the child must obey.
    public static func start(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String],
        standardOutput: Int32? = nil
    ) throws -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if let standardOutput {
            posix_spawn_file_actions_adddup2(&actions, standardOutput, 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // Nothing else of the server's (sockets, the database) reaches the child.
        _ = closeFrom?(&actions, 3)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = CStringArray([executable] + arguments)
        let envp = CStringArray(environment.map { "\($0.key)=\($0.value)" })
        defer {
            argv.free()
            envp.free()
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv.pointers, envp.pointers)
        guard result == 0 else {
            throw Failure(description: "\(executable) could not be started (\(String(cString: strerror(result)))).")
        }
        return ChildProcess(pid: pid)
    }

    /// Waits for the child on the calling thread. `ended` runs once the child has
    /// exited but before it is reaped: until then its pid cannot be given to another
    /// process, so a timer that checks what `ended` records never signals a stranger.
    public func waitBlocking(ended: () -> Void = {}) -> Termination {
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) == -1, errno == EINTR {}
        ended()
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            // EINTR: a signal arrived while waiting; ECHILD cannot happen for our own child.
            guard errno == EINTR else { return .signalled(SIGKILL) }
        }
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import (they are macros).
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
    }

    /// Waits for the child on a Dispatch thread, so no task thread is held while it runs.
    public func termination(ended: @escaping @Sendable () -> Void = {}) async -> Termination {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: waitBlocking(ended: ended)) }
        }
    }

    /// Ends the child at once. SIGKILL: a decoder past its limit gets no chance to clean up anyway.
    public func kill() {
        _ = Glibc.kill(pid, SIGKILL)
    }
}

/// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), looked up at run
/// time because Swift's Glibc module leaves out the GNU extensions.
private let closeFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
    return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
}()

/// A NULL-terminated array of C strings for `posix_spawn`, freed by its owner.
private struct CStringArray {
    var pointers: [UnsafeMutablePointer<CChar>?]

    init(_ strings: [String]) {
        pointers = strings.map { strdup($0) } + [nil]
    }

    func free() {
        for pointer in pointers { Glibc.free(pointer) }
    }
}
