import Testing

@testable import PolicyEngine

@Suite("Personal-data detectors")
struct DetectorTests {
    private let school = SchoolIdentity(Fixtures.pack.exampleContext.school)

    private func found(_ kind: DetectorKind, _ text: String) -> [String] {
        let analyzed = AnalyzedText(text)
        return kind.detector.detect(in: analyzed, school: school).map { analyzed.originalText(analyzed.span(ofFolded: $0)) }
    }

    @Test("BSN: nine digits passing the eleven-test, in any grouping")
    func bsn() {
        #expect(BSNDetector.passesElevenTest([1, 1, 1, 2, 2, 2, 3, 3, 3]))
        #expect(!BSNDetector.passesElevenTest([1, 1, 1, 2, 2, 2, 3, 3, 4]))
        #expect(!BSNDetector.passesElevenTest([0, 0, 0, 0, 0, 0, 0, 0, 0]))
        #expect(found(.bsn, "bsn 111222333 ok") == ["111222333"])
        #expect(found(.bsn, "bsn 1112.22.333") == ["1112.22.333"])
        #expect(found(.bsn, "nr 123 456 782") == ["123 456 782"])
        #expect(found(.bsn, "nr 123456789").isEmpty)
        #expect(found(.bsn, "code A111222333").isEmpty)
        #expect(found(.bsn, "1112223330").isEmpty)
    }

    @Test("IBAN: Dutch and Belgian, mod-97, spaced or not, never the school's own")
    func iban() {
        #expect(IBANDetector.isValid("NL02ABNA0123456789"))
        #expect(!IBANDetector.isValid("NL02ABNA0123456788"))
        #expect(found(.iban, "naar NL02 ABNA 0123 4567 89 graag") == ["NL02 ABNA 0123 4567 89"])
        #expect(found(.iban, "naar nl02abna0123456789.") == ["nl02abna0123456789"])
        #expect(found(.iban, "BE68 5390 0754 7034") == ["BE68 5390 0754 7034"])
        #expect(found(.iban, "school: NL91 ABNA 0417 1643 00").isEmpty)
    }

    @Test(
        "phone numbers in the forms Dutch people write them",
        arguments: [
            ("bel 0612345678", "0612345678"), ("bel 06-12345678", "06-12345678"), ("bel 06 12 34 56 78", "06 12 34 56 78"),
            ("bel 06.12.34.56.78", "06.12.34.56.78"), ("bel +31 6 12345678", "+31 6 12345678"),
            ("bel +31 (0)6-12345678", "+31 (0)6-12345678"), ("bel 0031612345678", "0031612345678"),
            ("bel 020-1234567", "020-1234567"), ("bel 020 - 123 45 67", "020 - 123 45 67"),
        ])
    func phones(text: String, expected: String) {
        #expect(found(.phone, text) == [expected])
    }

    @Test(
        "not phone numbers: the school's own, service numbers, other numbers",
        arguments: [
            "bel 076-5012345", "bel 076 501 23 45", "0800-1234", "0900-8844", "088-1234567", "in 2026 waren er 120 kinderen",
            "om 14.30 uur", "+32 2 123 45 67",
        ])
    func notPhones(text: String) {
        #expect(found(.phone, text).isEmpty)
    }

    @Test("e-mail addresses, except the school's domain")
    func email() {
        #expect(found(.email, "mail fam.bakker@gmail.com.") == ["fam.bakker@gmail.com"])
        #expect(found(.email, "MAIL Jan+school@Hotmail.NL") == ["Jan+school@Hotmail.NL"])
        #expect(found(.email, "info@regenboog.example.nl").isEmpty)
        #expect(found(.email, "juf@regenboog.example.nl").isEmpty)
        #expect(found(.email, "we zijn @school").isEmpty)
        #expect(found(.email, "a@b").isEmpty)
        // A role address of an organisation is nobody's private address.
        #expect(found(.email, "aanmelden via info@sportclubbreda.nl").isEmpty)
        #expect(found(.email, "mail jan.bakker@sportclubbreda.nl") == ["jan.bakker@sportclubbreda.nl"])
    }

    @Test("a landline given right after an organisation is no private number; a mobile number always is")
    func organisationNumbers() {
        #expect(found(.phone, "De administratie is bereikbaar op 076-5123456.").isEmpty)
        #expect(found(.phone, "Bel bij koorts de huisarts op 076-5123456.").isEmpty)
        #expect(found(.phone, "Mijn nummer thuis is 076-5123456.") == ["076-5123456"])
        #expect(found(.phone, "De administratie van school: mijn mobiel is 06-12345678.") == ["06-12345678"])
        // The organisation must stand in the same sentence.
        #expect(found(.phone, "Ik werk op school. Bel me op 076-5123456.") == ["076-5123456"])
    }

    @Test("dates of birth next to birth words, written in words or numbers")
    func birthDates() {
        #expect(found(.birthDate, "Sem is geboren op 12 maart 2016.") == ["12 maart 2016"])
        #expect(found(.birthDate, "Geboortedatum: 03-04-2017") == ["03-04-2017"])
        #expect(found(.birthDate, "geb. 3/4/17") == ["3/4/17"])
        #expect(found(.birthDate, "verjaardag op 5 juni") == ["5 juni"])
        #expect(found(.birthDate, "Op 12 maart is de sportdag.").isEmpty)
        #expect(found(.birthDate, "geboren in 2016 in Breda, 3 kinderen").isEmpty)
        #expect(found(.birthDate, "geboren op 45-13-2016").isEmpty)
    }

    @Test("postcodes need capital letters; the school's own is fine")
    func postcodes() {
        #expect(found(.postcode, "Dorpsweg 4, 4811 XY Breda") == ["4811 XY"])
        #expect(found(.postcode, "bij 1234AB") == ["1234AB"])
        #expect(found(.postcode, "in 2026 en 2027").isEmpty)
        #expect(found(.postcode, "4811 AA Breda").isEmpty)
        #expect(found(.postcode, "1234 SS").isEmpty)
        #expect(found(.postcode, "0123 AB").isEmpty)
    }

    @Test("street and house number")
    func streets() {
        #expect(found(.streetAddress, "bij Kerkstraat 12 thuis") == ["Kerkstraat 12"])
        #expect(found(.streetAddress, "Lindelaan 3a") == ["Lindelaan 3a"])
        #expect(found(.streetAddress, "Schoolstraat 1").isEmpty)
        #expect(found(.streetAddress, "de straat 12").isEmpty)
    }
}
