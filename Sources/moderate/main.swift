import PolicyEngine
import Foundation
let pack = try! RulePackLoader.load(directory: "rules/konot")
let engine = Engine(pack: pack)
let context = engine.prepare(pack.exampleContext)
let enc = JSONEncoder(); enc.outputFormatting = [.sortedKeys]
for t in ["Wat een k4nker weer vandaag.", "Lieve ouders, morgen is er geen gym.", "Roos heeft vandaag gepest. Bel 06-12345678 of mail fam@gmail.com. BSN 111222333", "Wij lopen mee met de KWF kankerbestrijding.", "De moeder van v.d. Berg."] {
    let r = engine.evaluate(Post(group: "groep-5b", author: .init(id: "t-devries", role: .teacher), text: t), context: context)
    print(t); print(String(decoding: try! enc.encode(r), as: UTF8.self)); print()
}
