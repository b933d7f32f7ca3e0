/// A word of a post, as the matcher sees it.
public struct Token: Sendable, Equatable {
    /// Folded letters and digits without inner punctuation: "t.y.f.u.s" → "tyfus", "Zoë" → "zoe".
    /// Pupil names are compared on this form.
    public var key: String
    /// `key` with leetspeak undone (only in words that mix letters and digits) and, in a stretched word
    /// (a run of three or more equal letters), every run collapsed: "k4nker" → "kanker", "kuuuut" →
    /// "kut". Double letters of ordinary spelling stay: "negeer" is not "neger". Word lists are compared
    /// on this form.
    public var canonical: String
    /// `key` with leetspeak undone and runs of three or more equal letters shortened to two:
    /// "kloooootzak" → "klootzak". Terms that hold a double letter ("vvd", "klootzak") are compared on
    /// this form, so "v.d." is not the VVD.
    public var canonicalDoubles: String
    /// Number of scalars in `key`.
    public var keyLength: Int
    /// Where the word stands in the original text (Unicode scalar offsets, end exclusive).
    public var span: Span
    /// Range in the folded text.
    public var folded: Range<Int>
    /// The original word starts with a capital letter.
    public var isCapitalized: Bool
    /// First word of the text or after `.`, `!`, `?` or a line break.
    public var startsSentence: Bool
    public var sentence: Int
    public var isNumber: Bool
}
