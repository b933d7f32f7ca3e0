import Foundation

/// Turns Swift's `DecodingError` into a sentence that names the field and says what was wrong.
public enum DecodingErrorText {
    public static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return String(describing: error) }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing field '\(path(context.codingPath + [key]))'"
        case .typeMismatch(let type, let context):
            if context.codingPath.isEmpty { return "the document must be a JSON object { … }" }
            return "field '\(path(context.codingPath))': expected \(typeName(type))"
        case .valueNotFound(let type, let context):
            return "field '\(path(context.codingPath))': expected \(typeName(type)), found null"
        case .dataCorrupted(let context):
            let detail = underlyingDetail(context)
            return context.codingPath.isEmpty ? detail : "field '\(path(context.codingPath))': \(detail)"
        @unknown default:
            return String(describing: error)
        }
    }

    /// The dotted path of the field at fault, if the error names one.
    public static func field(_ error: any Error) -> String? {
        guard let error = error as? DecodingError else { return nil }
        switch error {
        case .keyNotFound(let key, let context): return path(context.codingPath + [key])
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return context.codingPath.isEmpty ? nil : path(context.codingPath)
        @unknown default: return nil
        }
    }

    private static func underlyingDetail(_ context: DecodingError.Context) -> String {
        if context.codingPath.isEmpty, let underlying = context.underlyingError {
            let reason = (underlying as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? underlying.localizedDescription
            return "not valid JSON: \(reason)"
        }
        let text = context.debugDescription
        if let range = text.range(of: "from invalid String value ") {
            return "'\(text[range.upperBound...])' is not an allowed value"
        }
        if let underlying = context.underlyingError { return "\(text) (\(underlying.localizedDescription))" }
        return text
    }

    static func path(_ keys: [any CodingKey]) -> String {
        var result = ""
        for key in keys {
            if let index = key.intValue {
                result += "[\(index)]"
            } else {
                result += (result.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return result.isEmpty ? "(top level)" : result
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Double.Type: "a number"
        case is [Any].Type: "a list"
        case is [String: Any].Type: "an object"
        default:
            String(describing: type).hasPrefix("Array") ? "a list" : "an object"
        }
    }
}
