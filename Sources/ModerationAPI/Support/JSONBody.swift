import Foundation
import Hummingbird
import NIOCore
import PolicyEngine

extension Request {
    /// The JSON body: 415 unless it is sent as JSON, 413 above the context's limit, 400 when it is not
    /// JSON (with line and column), 422 naming the field when a field is wrong.
    func decodeJSON<T: Decodable>(_ type: T.Type, context: APIRequestContext) async throws -> T {
        let data = try await jsonData(context: context)
        return try ContractDecoder.decode(type, from: data, source: "body")
    }

    /// A post in the check contract, validated like the CLI validates it.
    func decodePost(context: APIRequestContext) async throws -> Post {
        try ContractDecoder.post(from: try await jsonData(context: context), source: "body")
    }

    private func jsonData(context: APIRequestContext) async throws -> Data {
        let contentType = headers[.contentType]?.lowercased() ?? ""
        let mediaType = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard mediaType == "application/json" || mediaType.hasSuffix("+json") else {
            throw Problem(
                .unsupportedMediaType, type: "unsupported-media-type",
                detail: contentType.isEmpty
                    ? "send the body as application/json" : "'\(contentType)' is not accepted; send application/json")
        }
        let buffer = try await body.collect(upTo: context.maxUploadSize)
        return Data(buffer: buffer)
    }
}

extension Response {
    /// A JSON response with sorted keys, as the CLI writes them.
    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension Request {
    /// An optional query parameter, 422 when present but not one of `allowed`.
    func option(_ name: String, allowed: [String]) throws -> String? {
        guard let value = uri.queryParameters.get(name) else { return nil }
        guard allowed.contains(value) else {
            throw Problem.invalid("'\(value)' is not one of \(allowed.joined(separator: ", "))", field: name)
        }
        return value
    }

    func integer(_ name: String, default fallback: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text = uri.queryParameters.get(name) else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw Problem.invalid("'\(text)' must be a whole number from \(range.lowerBound) to \(range.upperBound)", field: name)
        }
        return value
    }
}
