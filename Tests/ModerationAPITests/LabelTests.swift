import PolicyEngine
import Testing

@testable import ModerationAPI

@Suite("Dutch labels on the pages")
struct LabelTests {
    @Test("every category has a Dutch name on the pages, none shows its English id")
    func categories() {
        for category in Category.allCases where category != .spelling {
            let label = Labels.category(category.rawValue)
            #expect(label != category.rawValue.replacingOccurrences(of: "-", with: " "), "\(category.rawValue) has no Dutch label")
        }
        #expect(Labels.category("working-hours") == "buiten werktijd")
    }
}
