/// The files of a rule pack, read from a folder or compiled into the binary.
public struct RulePackFiles: Sendable {
    /// Where the files came from, for error messages ("rules/konot" or "(bundled) konot").
    public var folder: String
    /// File name → contents.
    public var files: [String: String]

    public init(folder: String, files: [String: String]) {
        self.folder = folder
        self.files = files
    }

    func path(_ name: String) -> String { folder.hasSuffix("/") ? folder + name : folder + "/" + name }
}

/// The KONOT pack as it was in rules/konot when this binary was built.
public enum BundledRulePack {
    public static let folder = "(bundled) rules/konot"

    public static var files: RulePackFiles {
        let embedded: [(String, [UInt8])] = [
            ("behaviour.yaml", PackageResources.behaviour_yaml),
            ("confidential.yaml", PackageResources.confidential_yaml),
            ("content.yaml", PackageResources.content_yaml),
            ("context.yaml", PackageResources.context_yaml),
            ("lexicon-achievement.yaml", PackageResources.lexicon_achievement_yaml),
            ("lexicon-animal.yaml", PackageResources.lexicon_animal_yaml),
            ("lexicon-appearance.yaml", PackageResources.lexicon_appearance_yaml),
            ("lexicon-confidential-topic.yaml", PackageResources.lexicon_confidential_topic_yaml),
            ("lexicon-congratulate.yaml", PackageResources.lexicon_congratulate_yaml),
            ("lexicon-contact-me.yaml", PackageResources.lexicon_contact_me_yaml),
            ("lexicon-counter-speech.yaml", PackageResources.lexicon_counter_speech_yaml),
            ("lexicon-faith-figure.yaml", PackageResources.lexicon_faith_figure_yaml),
            ("lexicon-first-name.yaml", PackageResources.lexicon_first_name_yaml),
            ("lexicon-group.yaml", PackageResources.lexicon_group_yaml),
            ("lexicon-hatred.yaml", PackageResources.lexicon_hatred_yaml),
            ("lexicon-hostile-predicate.yaml", PackageResources.lexicon_hostile_predicate_yaml),
            ("lexicon-income-scheme.yaml", PackageResources.lexicon_income_scheme_yaml),
            ("lexicon-innuendo.yaml", PackageResources.lexicon_innuendo_yaml),
            ("lexicon-low-result.yaml", PackageResources.lexicon_low_result_yaml),
            ("lexicon-nativist.yaml", PackageResources.lexicon_nativist_yaml),
            ("lexicon-negation.yaml", PackageResources.lexicon_negation_yaml),
            ("lexicon-negative-behaviour.yaml", PackageResources.lexicon_negative_behaviour_yaml),
            ("lexicon-offer.yaml", PackageResources.lexicon_offer_yaml),
            ("lexicon-other-faith-invite.yaml", PackageResources.lexicon_other_faith_invite_yaml),
            ("lexicon-party.yaml", PackageResources.lexicon_party_yaml),
            ("lexicon-person-target.yaml", PackageResources.lexicon_person_target_yaml),
            ("lexicon-protest.yaml", PackageResources.lexicon_protest_yaml),
            ("lexicon-pupil-description.yaml", PackageResources.lexicon_pupil_description_yaml),
            ("lexicon-rude-emoji.yaml", PackageResources.lexicon_rude_emoji_yaml),
            ("lexicon-school-activity.yaml", PackageResources.lexicon_school_activity_yaml),
            ("lexicon-second-person.yaml", PackageResources.lexicon_second_person_yaml),
            ("lexicon-segregation.yaml", PackageResources.lexicon_segregation_yaml),
            ("lexicon-sexual.yaml", PackageResources.lexicon_sexual_yaml),
            ("lexicon-social-promo.yaml", PackageResources.lexicon_social_promo_yaml),
            ("lexicon-trade.yaml", PackageResources.lexicon_trade_yaml),
            ("lexicon-spelling-accept.yaml", PackageResources.lexicon_spelling_accept_yaml),
            ("lexicon-staff.yaml", PackageResources.lexicon_staff_yaml),
            ("lexicon-story.yaml", PackageResources.lexicon_story_yaml),
            ("lexicon-suggestive-emoji.yaml", PackageResources.lexicon_suggestive_emoji_yaml),
            ("lexicon-threat-idiom.yaml", PackageResources.lexicon_threat_idiom_yaml),
            ("lexicon-violence-verb.yaml", PackageResources.lexicon_violence_verb_yaml),
            ("lexicon-vote-call.yaml", PackageResources.lexicon_vote_call_yaml),
            ("lexicon-weapon.yaml", PackageResources.lexicon_weapon_yaml),
            ("lexicon-mishap.yaml", PackageResources.lexicon_mishap_yaml),
            ("lexicon-wish-opener.yaml", PackageResources.lexicon_wish_opener_yaml),
            ("lexicon-innuendo-marker.yaml", PackageResources.lexicon_innuendo_marker_yaml),
            ("lexicon-flirt-emoji.yaml", PackageResources.lexicon_flirt_emoji_yaml),
            ("lexicon-game.yaml", PackageResources.lexicon_game_yaml),
            ("lexicon-harm-participle.yaml", PackageResources.lexicon_harm_participle_yaml),
            ("lexicon-positive-quality.yaml", PackageResources.lexicon_positive_quality_yaml),
            ("lexicon-group-complaint.yaml", PackageResources.lexicon_group_complaint_yaml),
            ("lexicon-belongings-warning.yaml", PackageResources.lexicon_belongings_warning_yaml),
            ("lexicon-burden.yaml", PackageResources.lexicon_burden_yaml),
            ("lexicon-menace.yaml", PackageResources.lexicon_menace_yaml),
            ("lexicon-intimacy.yaml", PackageResources.lexicon_intimacy_yaml),
            ("lexicon-support.yaml", PackageResources.lexicon_support_yaml),
            ("lexicon-gender-noun.yaml", PackageResources.lexicon_gender_noun_yaml),
            ("lexicon-doubt-emoji.yaml", PackageResources.lexicon_doubt_emoji_yaml),
            ("lexicon-victim-report.yaml", PackageResources.lexicon_victim_report_yaml),
            ("lexicon-removal-participle.yaml", PackageResources.lexicon_removal_participle_yaml),
            ("lexicon-contempt-adjective.yaml", PackageResources.lexicon_contempt_adjective_yaml),
            ("lexicon-wink-emoji.yaml", PackageResources.lexicon_wink_emoji_yaml),
            ("lexicon-finite-verb-first-person.yaml", PackageResources.lexicon_finite_verb_first_person_yaml),
            ("lexicon-imperative.yaml", PackageResources.lexicon_imperative_yaml),
            ("lexicon-give-away.yaml", PackageResources.lexicon_give_away_yaml),
            ("lexicon-civil-step.yaml", PackageResources.lexicon_civil_step_yaml),
            ("lexicon-euphemism.yaml", PackageResources.lexicon_euphemism_yaml),
            ("lexicon-friendly-request.yaml", PackageResources.lexicon_friendly_request_yaml),
            ("lexicon-vermin.yaml", PackageResources.lexicon_vermin_yaml),
            ("lexicon-joke-marker.yaml", PackageResources.lexicon_joke_marker_yaml),
            ("lexicon-own-child.yaml", PackageResources.lexicon_own_child_yaml),
            ("lexicon-child-insult.yaml", PackageResources.lexicon_child_insult_yaml),
            ("lexicon-statement-rejected.yaml", PackageResources.lexicon_statement_rejected_yaml),
            ("lexicon-takeover-fear.yaml", PackageResources.lexicon_takeover_fear_yaml),
            ("lexicon-kitchen.yaml", PackageResources.lexicon_kitchen_yaml),
            ("lexicon-relative-of.yaml", PackageResources.lexicon_relative_of_yaml),
            ("lexicon-closure-notice.yaml", PackageResources.lexicon_closure_notice_yaml),
            ("lexicon-lesson-anecdote.yaml", PackageResources.lexicon_lesson_anecdote_yaml),
            ("lexicon-occasion.yaml", PackageResources.lexicon_occasion_yaml),
            ("lexicon-wish-harm.yaml", PackageResources.lexicon_wish_harm_yaml),
            ("pack.yaml", PackageResources.pack_yaml),
            ("sentences.yaml", PackageResources.sentences_yaml),
            ("test-school.json", PackageResources.test_school_json),
        ]
        return RulePackFiles(
            folder: folder, files: Dictionary(uniqueKeysWithValues: embedded.map { ($0.0, String(decoding: $0.1, as: UTF8.self)) }))
    }
}
