import Hummingbird
import NIOCore
import Synchronization

/// At most `perAddress` open connections from one client address: one machine
/// holding thousands of idle or half-open sockets cannot take every file
/// descriptor, and readers elsewhere keep being served. Connections over the
/// cap are closed as they arrive, before a byte is read. Configured reverse
/// proxies carry everyone's connections and are not capped.
public final class ConnectionCap: Sendable {
    public let perAddress: Int
    public let exempt: Set<String>
    private let open = Mutex<[String: Int]>([:])
    private let refusedCount = Atomic<Int>(0)

    public init(perAddress: Int, exempt: Set<String> = []) {
        self.perAddress = perAddress
        self.exempt = exempt
    }

    /// Connections closed on arrival since start.
    public var refused: Int { refusedCount.load(ordering: .relaxed) }

    /// The handler for one new connection, for `HTTP1Channel.Configuration.additionalChannelHandlers`.
    public func handler() -> any RemovableChannelHandler { Handler(cap: self) }

    func admit(_ address: String) -> Bool {
        guard !exempt.contains(address) else { return true }
        let admitted = open.withLock { open in
            guard open[address, default: 0] < perAddress else { return false }
            open[address, default: 0] += 1
            return true
        }
        if !admitted { refusedCount.add(1, ordering: .relaxed) }
        return admitted
    }

    func release(_ address: String) {
        guard !exempt.contains(address) else { return }
        open.withLock { open in
            let remaining = open[address, default: 1] - 1
            open[address] = remaining > 0 ? remaining : nil
        }
    }

    /// Counts its connection in when added to the pipeline and out when the channel closes.
    final class Handler: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = NIOAny
        let cap: ConnectionCap
        var address: String?

        init(cap: ConnectionCap) {
            self.cap = cap
        }

        func handlerAdded(context: ChannelHandlerContext) {
            let address = context.channel.remoteAddress?.ipAddress ?? "unknown"
            if cap.admit(address) {
                self.address = address
            } else {
                context.close(promise: nil)
            }
        }

        func channelInactive(context: ChannelHandlerContext) {
            release()
            context.fireChannelInactive()
        }

        func handlerRemoved(context: ChannelHandlerContext) {
            release()
        }

        private func release() {
            if let address {
                cap.release(address)
                self.address = nil
            }
        }
    }
}
