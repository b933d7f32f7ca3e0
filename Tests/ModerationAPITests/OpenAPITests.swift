import Foundation
import HummingbirdTesting
import Testing
import Yams

@Suite("The OpenAPI document and the router agree")
struct OpenAPITests {
    private func document(_ fixture: Fixture) async throws -> [String: Any] {
        let text = try await fixture.test { client in
            let response = try await client.send(.get, "/openapi.yaml")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("application/yaml") == true)
            return response.text
        }
        return try #require(try Yams.load(yaml: text) as? [String: Any])
    }

    @Test("every route is documented and every documented operation is routed")
    func routesMatch() async throws {
        let fixture = try Fixture()
        let document = try await document(fixture)
        #expect((document["openapi"] as? String)?.hasPrefix("3.1") == true)
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let methods: Set<String> = ["get", "post", "put", "patch", "delete"]
        var documented: Set<String> = []
        for (path, operations) in paths {
            for method in operations.keys where methods.contains(method) { documented.insert("\(method.uppercased()) \(path)") }
        }
        // The web pages (HTML for browsers, issue 10) are not part of the API document.
        let api = fixture.router.routes.filter { route in
            let path = route.path.description
            return path.hasPrefix("/v1/") || ["/health", "/metrics", "/openapi.yaml"].contains(path)
        }
        let routed = Set(api.map { "\($0.method) \($0.path)" })
        #expect(documented == routed, "documented only: \(documented.subtracting(routed)); routed only: \(routed.subtracting(documented))")
    }

    @Test("operations name their security, responses and problem answers; referenced schemas exist")
    func operationsAreComplete() async throws {
        let fixture = try Fixture()
        let document = try await document(fixture)
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let components = try #require(document["components"] as? [String: Any])
        let schemas = try #require(components["schemas"] as? [String: Any])
        let open = ["/health", "/metrics", "/openapi.yaml"]
        for (path, operations) in paths {
            for (method, value) in operations {
                guard let operation = value as? [String: Any] else { continue }
                let responses = try #require(operation["responses"] as? [String: Any], "\(method) \(path)")
                #expect(operation["operationId"] is String, "\(method) \(path)")
                if !open.contains(path) {
                    #expect(responses["401"] != nil && responses["403"] != nil, "\(method) \(path) documents 401 and 403")
                }
            }
        }
        // Every $ref points at a schema or response that exists.
        let text = try await fixture.test { client in try await client.send(.get, "/openapi.yaml").text }
        let references = text.components(separatedBy: "$ref: ").dropFirst().map { rest in
            String(rest.drop { $0 == "'" || $0 == "\"" }.prefix { !"'\" }\n".contains($0) })
        }
        #expect(references.count > 50)
        let responses = components["responses"] as? [String: Any] ?? [:]
        let parameters = components["parameters"] as? [String: Any] ?? [:]
        for reference in references {
            let parts = reference.split(separator: "/").map(String.init)
            #expect(parts.count == 4, "\(reference)")
            guard parts.count == 4 else { continue }
            switch parts[2] {
            case "schemas": #expect(schemas[parts[3]] != nil, "\(reference)")
            case "responses": #expect(responses[parts[3]] != nil, "\(reference)")
            case "parameters": #expect(parameters[parts[3]] != nil, "\(reference)")
            default: Issue.record("unexpected reference \(reference)")
            }
        }
    }
}
