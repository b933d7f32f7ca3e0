import NIOCore
import NIOHTTPTypes
import Synchronization

/// Limits what a slow or greedy client can hold: each request (headers and body) must arrive within
/// a total deadline however it trickles in, and one client address may keep only so many
/// connections open. Sits in the HTTP pipeline after decoding (Hummingbird's additional channel
/// handlers), one instance per connection.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// Connections per client address, shared by all connections of a server.
    final class Limiter: Sendable {
        let maxPerAddress: Int
        private let open = Mutex<[String: Int]>([:])
        init(maxPerAddress: Int) { self.maxPerAddress = maxPerAddress }

        func admit(_ address: String) -> Bool {
            open.withLock { open in
                guard open[address, default: 0] < maxPerAddress else { return false }
                open[address, default: 0] += 1
                return true
            }
        }

        func release(_ address: String) {
            open.withLock { open in
                let count = open[address, default: 1] - 1
                open[address] = count > 0 ? count : nil
            }
        }

        func count(_ address: String) -> Int { open.withLock { $0[address] ?? 0 } }
    }

    private let deadline: TimeAmount
    private let limiter: Limiter
    private var address: String?
    private var timer: Scheduled<Void>?

    init(deadline: TimeAmount, limiter: Limiter) {
        self.deadline = deadline
        self.limiter = limiter
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let address = context.channel.remoteAddress?.ipAddress ?? "unknown"
        guard limiter.admit(address) else {
            context.close(promise: nil)
            return
        }
        self.address = address
        startClock(context)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        if let address { limiter.release(address) }
        address = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // The whole request is in: the handler's own time does not count against the client.
        if case .end = unwrapInboundIn(data) {
            timer?.cancel()
            timer = nil
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        // The answer is out: the next request on this connection gets its own deadline.
        if case .end = unwrapOutboundIn(data) { startClock(context) }
        context.write(data, promise: promise)
    }

    private func startClock(_ context: ChannelHandlerContext) {
        timer?.cancel()
        let channel = context.channel
        timer = context.eventLoop.scheduleTask(in: deadline) { channel.close(promise: nil) }
    }
}
